"""`zjpolicy check` and `zjpolicy facts`: the consistency findings, and one document's facts to check by eye."""

from typing import Annotated

import typer

from zjpolicy.cli import connect
from zjpolicy.cli.options import DocId, complete_doc_id, listing_options
from zjpolicy.render import Output, listing

# A finding (check.Finding) on a terminal; CSV and JSON add where it is (start).
FINDING = ["doc", "level", "check", "message"]
# A fact (queries.facts) on a terminal; CSV and JSON lead with its document.
FACT = ["kind", "what", "value", "start", "end", "quote"]
# A number of the document (why.number_decisions) under --why.
WHY = ["start", "number", "outcome", "step", "reason", "what", "context"]


@listing_options
def check(
    doc: Annotated[str | None, typer.Argument(help="Only this document id.", autocompletion=complete_doc_id)] = None,
    *,
    out: Output,
) -> None:
    """Examples:

    \b
      zjpolicy check
      zjpolicy check 000_3669a09881a7b6b9 --format csv
      zjpolicy check --columns doc,message && echo consistent
    """
    from zjpolicy.check import run_checks

    findings = run_checks(connect(), doc)
    rows = [vars(x) for x in findings]
    errors = sum(1 for x in findings if x.level == "error")
    warnings = sum(1 for x in findings if x.level == "warning")
    listing(rows, out, table=FINDING, machine=[*FINDING, "start"], title=out.say(f"Findings: {errors} errors, {warnings} warnings", f"检查结果：{errors} 个错误，{warnings} 个警告"))
    if errors:
        raise typer.Exit(1)


@listing_options
def facts(
    doc: DocId,
    why: Annotated[
        bool,
        typer.Option("--why", help="Every number with a unit instead: the target it gave, or the step that rejected it "
                     "and why (逐个数字说明取舍)."),
    ] = False,
    *,
    out: Output,
) -> None:
    """With --why, each number's outcome is target, achieved (a figure reported as reached) or rejected,
    with the rejecting step's name and reason: the document is read again from its stored text by the
    extractor installed now.

    Examples:

    \b
      zjpolicy facts 003_319bd9830f448044
      zjpolicy facts 000_3669a09881a7b6b9 --format markdown
      zjpolicy facts 003_319bd9830f448044 --why --format csv
    """
    from zjpolicy import queries

    if why:
        from zjpolicy.why import number_decisions

        decided = [{"doc": doc, **r} for r in number_decisions(connect(), doc)]
        rejected = sum(1 for r in decided if r["outcome"] == "rejected")
        title = out.say(f"Numbers of {doc}: {len(decided)} ({rejected} rejected)",
                        f"{doc} 的数字：{len(decided)} 个（舍去 {rejected} 个）")
        listing(decided, out, table=WHY, machine=["doc", *WHY, "end"], title=title)
        return
    rows = [{"doc": doc, **r} for r in queries.facts(connect(), doc)]
    listing(rows, out, table=FACT, machine=["doc", *FACT], title=out.say(f"Facts of {doc}: {len(rows)}", f"{doc} 的数据：{len(rows)} 条"))
