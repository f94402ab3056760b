"""Rule kinds: a small fixed set that carries every rule. Each module has OPTIONS (its rule keys),
an optional validate(rule) and CHECKER, the class compiled once per market for all rules of
that kind. `directive` has none (CHECKER = None): its rules (LNT001, LNT002) are data the
suppressions module reads to report on suppressions.

A kind whose hits all come from fields its rules' ``fields`` cover says ``FIELD_SCOPED = True``:
the engine then skips its checker for a record without such a field. A kind that judges the
record as a whole (``required``) leaves it out."""
from . import companion, directive, instalments, language, money, pattern, placeholders, required, terms, units

# The one registry: a rule's `kind` is a module's name. The rulebook validates rules against its
# OPTIONS and validate(), the engine compiles its CHECKER.
KINDS = {module.__name__.rpartition(".")[2]: module
         for module in (terms, pattern, units, money, required, language, companion, directive, placeholders,
                        instalments)}
