"""The classes that were dataclasses and are msgspec Structs (cheaper to create: every run creates
them; docs/research/issue17-imports.md) behave as the dataclass they replaced: each is compared
with the dataclass its own fields and defaults make, on generated values."""
import dataclasses
import importlib
import pickle
import types

import msgspec
import pytest
from hypothesis import given, settings, strategies as st

# module, class, frozen: the dataclasses these were (frozen=True or not, nothing else)
STRUCTS = [
    ("loclint.run", "RunResult", False), ("loclint.run", "FilePlan", True),
    ("loclint.run", "_FileStart", True), ("loclint.run", "_Records", True),
    ("loclint.summary", "Summary", False), ("loclint.cachedir", "Cleaned", False),
    ("loclint.readers.discovery", "Skipped", True),
    ("loclint.kinds.base", "Opt", True), ("loclint.kinds.base", "CompileContext", True),
    ("loclint.kinds.base", "Hit", False),
    ("loclint.readers.base", "ReadContext", True),
    ("loclint.suppressions.directives", "Suppression", True), ("loclint.suppressions.directives", "Problem", True),
    ("loclint.text.numbers", "Number", True), ("loclint.ruleset.currencies", "Currencies", True),
    ("loclint.ruleset.vocab", "Vocabulary", True), ("loclint.ruleset.keys", "RuleKey", True),
    ("loclint.ruleset.conditions", "Condition", True), ("loclint.ruleset.contexts", "ContextExample", True),
    ("loclint.options", "Option", True), ("loclint.readers.optionspec", "OptionSpec", True),
    ("loclint.readers.feeds.csvmap", "Preset", True),
    ("loclint.session", "Flags", True), ("loclint.ruleset.rule", "MarketConfig", True),
    ("loclint.model", "Original", True), ("loclint.model", "Directive", True), ("loclint.model", "Source", True),
]

# Hashable values, so that a frozen instance's hash can be compared too.
_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=4),
                    st.tuples(st.text(max_size=2), st.integers(0, 2)))


def _struct(module: str, name: str) -> type:
    return getattr(importlib.import_module(module), name)


class _Field:
    """A field as the Struct declares it: name, and its default or default factory if any."""

    def __init__(self, name, default):
        self.name = name
        self.factory = default.factory if isinstance(default, _FACTORY) else None
        self.default = default if self.factory is None else None
        self.required = default is _REQUIRED


_REQUIRED = object()
class _Probe(msgspec.Struct):
    x: list = msgspec.field(default_factory=list)


_FACTORY = type(_Probe.__struct_defaults__[0])  # how a Struct keeps a default factory


def _fields(cls: type) -> list:
    names, defaults = cls.__struct_fields__, cls.__struct_defaults__
    padded = (_REQUIRED,) * (len(names) - len(defaults)) + tuple(defaults)
    return [_Field(name, default) for name, default in zip(names, padded)]


def _dataclass_like(cls: type, frozen: bool) -> type:
    """The dataclass ``cls`` was: its fields, in order, with the same defaults."""
    specs = []
    for field in _fields(cls):
        if field.factory is not None:
            specs.append((field.name, object, dataclasses.field(default_factory=field.factory)))
        elif not field.required:
            specs.append((field.name, object, dataclasses.field(default=field.default)))
        else:
            specs.append((field.name, object))
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=frozen)


@pytest.mark.parametrize("module, name, frozen", STRUCTS)
def test_each_struct_is_frozen_as_its_dataclass_was_and_keeps_its_field_order(module, name, frozen):
    cls = _struct(module, name)
    assert issubclass(cls, msgspec.Struct) and not dataclasses.is_dataclass(cls)
    assert cls.__struct_config__.frozen == frozen
    required = [f for f in _fields(cls) if f.required]
    instance = cls(*range(len(required)))
    with (pytest.raises(AttributeError) if frozen else _nothing()):
        setattr(instance, cls.__struct_fields__[0], "changed")


@pytest.mark.parametrize("module, name, frozen", STRUCTS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_each_struct_builds_compares_and_prints_as_its_dataclass(module, name, frozen, data):
    cls = _struct(module, name)
    reference = _dataclass_like(cls, frozen)
    fields = _fields(cls)
    required = sum(f.required for f in fields)
    given_count = data.draw(st.integers(required, len(fields)))
    first = data.draw(st.lists(_VALUES, min_size=given_count, max_size=given_count))
    second = data.draw(st.sampled_from([first, [*first[:-1], data.draw(_VALUES)] if first else first]))

    a, b = cls(*first), cls(*second)
    for field in fields:  # the same defaults (a default factory's new value is compared below)
        if field.factory is None:
            assert getattr(a, field.name) is getattr(reference(*first), field.name)
    # compared with dataclasses holding the very values, so that factories' new objects match
    ref_a, ref_b = (reference(*(getattr(x, field.name) for field in fields)) for x in (a, b))

    assert repr(a) == repr(ref_a)
    assert (a == b) == (ref_a == ref_b) and (a != b) == (ref_a != ref_b)
    assert (a == object()) is False
    assert _hash(a) is None if _hash(ref_a) is None else _hash(a) is not None  # hashable alike (a dict is not)
    if a == b and _hash(a) is not None:
        assert hash(a) == hash(b)
    if not any(isinstance(getattr(a, f.name), types.FunctionType) for f in fields):  # a lambda does not pickle
        copy = pickle.loads(pickle.dumps(a))  # as workers send them
        assert type(copy) is cls and all(getattr(copy, f.name) == getattr(a, f.name)
                                         for f in fields if f.factory is None)


def _hash(value):
    try:
        return hash(value)
    except TypeError:
        return None


@pytest.mark.parametrize("module, name, frozen", STRUCTS)
def test_a_default_factory_gives_each_instance_its_own_value(module, name, frozen):
    cls = _struct(module, name)
    fields = _fields(cls)
    required = sum(f.required for f in fields)
    one, two = cls(*range(required)), cls(*range(required))
    for field in fields:
        if field.factory is not None:
            assert type(getattr(one, field.name)) is type(field.factory())
            assert getattr(one, field.name) is not getattr(two, field.name)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
