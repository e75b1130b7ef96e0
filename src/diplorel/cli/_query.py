"""The query commands: status, explain, timeline, credit."""

from __future__ import annotations

import argparse

from diplorel.cli import _args
from diplorel.cli._context import Context


def _check(args: argparse.Namespace) -> None:
    """Usage errors first, before any data is read: two different states, a valid date."""
    _args.dyad(args.a, args.b)
    _args.query_date(getattr(args, "on", None))
    _args.query_date(getattr(args, "known_on", None), option="--known-on")


def status(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel status A B [--on DATE]``: every dimension, certainty, since when, and why."""
    _check(args)
    s = ctx.history(args, dyad=(args.a, args.b)).status(
        args.a, args.b, on=ctx.on(args), known_on=args.known_on
    )
    if args.json:
        from diplorel._export import status_to_json  # noqa: PLC0415

        ctx.dump(status_to_json(s))
        return 0
    ctx.out.write(f"{s}\n\nwhy:\n")
    explanation = s.explain()
    for step in explanation.steps:
        by = f"  (by {step.event.instrument})" if step.event.instrument else ""
        ctx.out.write(f"{step.event.on!s:<23} {step.event.describe(dated=False)}{by}\n")
    for event in explanation.not_yet_known:
        known = f", announced {event.announced_on}" if event.announced_on else ""
        ctx.out.write(
            f"{event.on!s:<23} {event.describe(dated=False)}  (not yet known on {s.known_on}"
            f"{known})\n"
        )
    ctx.out.write("(diplorel explain gives the rules and sources)\n")
    return 0


def explain(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel explain A B --on DATE``: the derivation with rules and citations."""
    _check(args)
    explanation = (
        ctx.history(args, dyad=(args.a, args.b))
        .status(args.a, args.b, on=ctx.on(args), known_on=args.known_on)
        .explain()
    )
    if args.json:
        from diplorel._export import explanation_to_json  # noqa: PLC0415

        ctx.dump(explanation_to_json(explanation))
        return 0
    ctx.out.write(f"{explanation}\n")
    return 0


def timeline(args: argparse.Namespace, ctx: Context) -> int:  # noqa: C901 - one check per option
    """``diplorel timeline A B [--svg FILE] [--png FILE] [--from Y] [--to Y] [--width PX]``.

    The periods as a table, or the chart as SVG and/or PNG. The chart's axis runs from
    ``--from`` (default: the first event's year) to the end of ``--to`` (default: today).
    """
    _check(args)
    chart = args.svg is not None or args.png is not None
    given = [o for o, v in (("--from", args.first), ("--to", args.last), ("--width", args.width),
                            ("--scale", args.scale)) if v is not None]  # fmt: skip
    if given and not chart:
        raise _args.UsageError(f"{given[0]} draws a chart: add --svg FILE or --png FILE")
    if args.png == "-":
        raise _args.UsageError("a PNG is binary: give --png a file name, not -")
    if args.width is not None and args.width < 320:  # noqa: PLR2004 - the narrowest legible chart
        raise _args.UsageError(f"argument --width: at least 320 pixels, got {args.width}")
    if args.scale is not None and not 0 < args.scale <= 10:  # noqa: PLR2004
        raise _args.UsageError(f"argument --scale: above 0 and at most 10, got {args.scale}")
    last = args.last if args.last is not None else ctx.today.year
    if args.first is not None and args.first > last:
        given_to = "" if args.last is not None else f" (the default --to is this year, {last})"
        raise _args.UsageError(f"--from {args.first} is after --to {last}{given_to}")
    if chart:
        from pathlib import Path  # noqa: PLC0415

        from diplorel._plot import png_renderer  # noqa: PLC0415
        from diplorel.cli._streams import describe, write_text  # noqa: PLC0415

        render = png_renderer(args.scale or 2.0) if args.png is not None else None
        h = ctx.history(args, dyad=(args.a, args.b))
        svg = h.plot_timeline(
            args.a,
            args.b,
            start=args.first,
            end=args.last if args.last is not None else ctx.today,
            width=args.width or 900,
        )
        if args.svg is not None:
            write_text(args.svg, svg, ctx.out)
            ctx.err.write(f"diplorel: wrote the timeline chart to {describe(args.svg)}\n")
        if render is not None:
            Path(args.png).write_bytes(render(svg))
            ctx.err.write(f"diplorel: wrote the timeline chart (PNG) to {args.png}\n")
        return 0
    h = ctx.history(args, dyad=(args.a, args.b))
    periods = h.timeline(args.a, args.b)
    if args.json:
        from diplorel._export import period_to_json  # noqa: PLC0415

        ctx.dump([period_to_json(p) for p in periods])
        return 0
    if not periods:
        a, b = h.resolve(args.a, args.b)
        covered = any(
            c.state in (a, b) and (c.partner is None or c.partner in (a, b)) for c in h.coverage
        )
        said = (
            "no act, in a history that declares coverage of them (status gives each date)"
            if covered
            else "no record (the history holds no act of these states)"
        )
        ctx.out.write(f"{a}-{b}: {said}\n")
        return 0
    rows = [("from", "until", "diplomatic", "consular", "event")]
    rows.extend(
        (
            str(p.start),
            str(p.end) if p.end else "",
            p.state.diplomatic.value,
            p.state.consular.value,
            p.event.describe(dated=False),
        )
        for p in periods
    )
    ctx.table(rows)
    return 0


def credit(args: argparse.Namespace, ctx: Context) -> int:
    """``diplorel credit A B [--on DATE]``: credit lines and balances."""
    _check(args)
    on = ctx.on(args)
    lines = ctx.history(args, dyad=(args.a, args.b)).credit.between(args.a, args.b, on=on)
    if args.json:
        from diplorel._export import credit_line_to_json  # noqa: PLC0415

        ctx.dump([credit_line_to_json(line) for line in lines])
        return 0
    if not lines:
        ctx.out.write(f"no credit line between {args.a} and {args.b} on {on}\n")
        return 0
    rows = [("line", "lender", "borrower", "limit", "outstanding", "available", "status")]
    rows.extend(
        (
            line.id,
            line.lender + (f" ({line.institution})" if line.institution else ""),
            line.borrower,
            str(line.limit),
            str(line.outstanding),
            str(line.available),
            line.status.value + ("" if line.certain else " (uncertain)"),
        )
        for line in lines
    )
    ctx.table(rows)
    return 0
