"""Thai word segmenters for the terms matcher (text/unspaced.py): does each trigger come out as a
whole token run on listing-like Thai, does a look-alike word stay out, and how fast is it.

    python benchmarks/thai_segmenters.py [--repeat 5]

Compares PyThaiNLP's newmm (loclint's choice) with and without loclint's trigger words in its
dictionary, and nlpo3 (the same algorithm in Rust; no word list of its own, given PyThaiNLP's
plus the triggers) when it is installed. The strings were written for this benchmark (there is
no real Thai copy in the review corpus): 11 that must show a trigger, 9 with a look-alike.
Timing: 1,000 strings (the 20 repeated), median of --repeat passes after the dictionary is built.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")  # as text.unspaced runs it: no ~/pythainlp-data
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

TRIGGERS = ["รักษา", "หายขาด", "ลดน้ำหนัก", "ลดความอ้วน", "สลายไขมัน", "ขาวขึ้น", "ผิวขาว", "บำบัด",
            "ดีที่สุด", "อันดับ 1", "เป็นมิตรกับสิ่งแวดล้อม", "ย่อยสลายได้", "ต้านมะเร็ง", "เบาหวาน", "ขาวถาวร", "ผอม"]
# (text, triggers that must be found, triggers that must not be found)
CASES = [
    ("ครีมรักษาสิวหายขาดใน7วัน", ["รักษา", "หายขาด"], []),
    ("แคปซูลสมุนไพรบำบัดเบาหวานต้านมะเร็ง", ["บำบัด", "เบาหวาน", "ต้านมะเร็ง"], []),
    ("ชาสมุนไพรลดน้ำหนักได้จริงไม่โยโย่", ["ลดน้ำหนัก"], []),
    ("เจลสลายไขมันหน้าท้องเอวบางใน1สัปดาห์", ["สลายไขมัน"], []),
    ("กลูต้าเม็ดฟู่ขาวขึ้น3ระดับใน14วัน", ["ขาวขึ้น"], []),
    ("โลชั่นผิวขาวถาวรเห็นผลทันที", ["ขาวถาวร"], []),
    ("เซรั่มที่ดีที่สุดในไทยขายดีอันดับ 1", ["ดีที่สุด", "อันดับ 1"], []),
    ("ถุงผ้ารักษ์โลกเป็นมิตรกับสิ่งแวดล้อม100%", ["เป็นมิตรกับสิ่งแวดล้อม"], []),
    ("จานชานอ้อยย่อยสลายได้100%", ["ย่อยสลายได้"], []),
    ("ผลิตภัณฑ์ลดความอ้วนสูตรเร่งด่วน", ["ลดความอ้วน"], []),
    ("ชุดชั้นในกระชับหุ่นผอมเพรียว", ["ผอม"], []),
    ("กล่องเก็บรักษาอาหารสูญญากาศ", [], ["รักษา"]),
    ("เครื่องชั่งน้ำหนักดิจิทัลรับน้ำหนักได้180กก.", [], ["ลดน้ำหนัก"]),
    ("รองเท้าผ้าใบสีขาวขนาด42", [], ["ผิวขาว", "ขาวขึ้น"]),
    ("ผ้าห่มผืนใหญ่ขาวสะอาด", [], ["ขาวขึ้น"]),
    ("ยอมรับประกันสินค้า1ปี", [], ["ผอม"]),
    ("หมอนยางพาราลดอาการปวดคอ", [], ["ลดน้ำหนัก", "รักษา"]),
    ("ขวดน้ำสแตนเลสเก็บความเย็น24ชั่วโมง", [], ["เบาหวาน"]),
    ("ไม้กวาดดอกหญ้ามัดแน่นทนทาน", [], ["ดีที่สุด"]),
    ("ดินสอสีไม้36สีสำหรับเด็ก", [], ["ผอม"]),
]


def judge(name: str, segment) -> None:
    found = missed = false = 0
    for text, must, must_not in CASES:
        tokens = "|" + "|".join(t for t in segment(text) if t.strip()) + "|"
        for trigger in must + must_not:
            run = "|" + "|".join(t for t in segment(trigger) if t.strip()) + "|"
            hit = run in tokens
            if trigger in must:
                found += hit
                missed += not hit
                if not hit:
                    print(f"  {name}: missed {trigger} in {tokens}")
            elif hit:
                false += 1
                print(f"  {name}: false {trigger} in {tokens}")
    print(f"{name}: triggers found {found}/{found + missed}, look-alike hits {false}")


def timed(name: str, segment, repeat: int) -> None:
    texts = [text for text, _, _ in CASES] * 50
    passes = []
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            segment(text)
        passes.append(time.perf_counter() - start)
    print(f"{name}: 1,000 strings in {statistics.median(passes) * 1000:.1f} ms (median of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie
    print(f"pythainlp import: {time.perf_counter() - start:.3f} s")
    words = set(thai_words()) | {w for w in TRIGGERS if " " not in w}
    start = time.perf_counter()
    trie = Trie(words)
    print(f"pythainlp dictionary with the triggers: {time.perf_counter() - start:.3f} s")

    def newmm(text):
        return word_tokenize(text, custom_dict=trie, engine="newmm", keep_whitespace=False)

    def newmm_plain(text):
        return word_tokenize(text, engine="newmm", keep_whitespace=False)

    judge("pythainlp newmm + triggers", newmm)
    judge("pythainlp newmm alone", newmm_plain)
    timed("pythainlp newmm + triggers", newmm, args.repeat)
    try:
        import nlpo3
    except ImportError:
        print("nlpo3: not installed, skipped")
        return
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(sorted(words)))
    start = time.perf_counter()
    nlpo3.load_dict(handle.name, "loclint")
    print(f"nlpo3 load_dict: {time.perf_counter() - start:.3f} s")
    os.unlink(handle.name)

    def rust(text):
        return nlpo3.segment(text, "loclint")

    judge("nlpo3 + triggers", rust)
    timed("nlpo3 + triggers", rust, args.repeat)
    same = sum(newmm(t) == [w for w in rust(t) if w.strip()] for t, _, _ in CASES)
    print(f"identical segmentations: {same}/{len(CASES)}")


if __name__ == "__main__":
    main()
