"""Output formats. Each reporter is a class with start(), finding(), error() and finish(summary);
human formats print as findings arrive, machine formats print one document at the end."""
from .concise import ConciseReporter
from .full import FullReporter
from .json import JsonReporter

REPORTERS = {"full": FullReporter, "concise": ConciseReporter, "json": JsonReporter}
