"""The briefing's charts as PNG images (matplotlib, Agg canvas, no pyplot): Chinese titles, axis labels and
value labels set in Noto Sans CJK SC, loaded by path from the noto-cjk-sans-otc package (SIL OFL 1.1), so
no system font and no network is needed. Fonts are passed to each text, never through the global rcParams,
so two threads drawing at once cannot change each other's fonts."""

import io
from pathlib import Path

import noto_cjk_sans_otc
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

FAMILY = "Noto Sans CJK SC"
COLOURS = ("#1d4f91", "#c58a1b", "#2e7d4f", "#c0392b", "#8e1414")
DPI = 150


def font_path() -> Path:
    """The collection file holding Noto Sans CJK SC (face 2 of NotoSansCJK-Regular.ttc)."""
    return Path(str(noto_cjk_sans_otc.FONT_PATH))


def cjk_font(size: float = 10) -> font_manager.FontProperties:
    """Font properties for Noto Sans CJK SC, registered with matplotlib's font manager from our file."""
    manager = font_manager.fontManager
    if not any(entry.name == FAMILY for entry in manager.ttflist):
        manager.addfont(str(font_path()))  # adds every face of the collection; SC is one of them
    return font_manager.FontProperties(family=FAMILY, size=size)


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    FigureCanvasAgg(figure).print_png(out)
    return out.getvalue()


def _style_ticks(ax, font: font_manager.FontProperties) -> None:
    # tick_params, not the current labels: ticks a locator makes at draw time get the font too
    ax.tick_params(labelfontfamily=FAMILY, labelsize=font.get_size())
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def funnel_chart_png(labels: list[str], values: list[int], *, title: str, unit: str) -> bytes:
    """Horizontal bars read top-down (考察 at the top), each labelled with its value and measure word."""
    font, title_font = cjk_font(10), cjk_font(13)
    figure = Figure(figsize=(7.2, 3.4), dpi=DPI, layout="constrained")
    ax = figure.add_subplot()
    positions = list(range(len(values)))
    bars = ax.barh(positions, values, color=[COLOURS[i % len(COLOURS)] for i in positions], height=0.6)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.bar_label(bars, labels=[f"{v}{unit}" for v in values], padding=4, fontproperties=font)
    ax.set_xlim(0, max(max(values, default=0), 1) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(f"项目数（{unit}）", fontproperties=font)
    ax.set_title(title, fontproperties=title_font)
    _style_ticks(ax, font)
    return _png(figure)


def trend_chart_png(months: list[str], series: dict[str, list[int]], *, title: str) -> bytes:
    """Grouped bars per month (e.g. 走访/线索/项目), each non-zero bar labelled with its value."""
    font, title_font = cjk_font(9), cjk_font(13)
    figure = Figure(figsize=(7.2, 3.6), dpi=DPI, layout="constrained")
    ax = figure.add_subplot()
    width = 0.8 / max(len(series), 1)
    for i, (name, values) in enumerate(series.items()):
        xs = [m + (i - (len(series) - 1) / 2) * width for m in range(len(months))]
        bars = ax.bar(xs, values, width, label=name, color=COLOURS[i % len(COLOURS)])
        ax.bar_label(bars, labels=[str(v) if v else "" for v in values], padding=2, fontproperties=font)
    ax.set_xticks(
        range(len(months)), [_month_label(m) for m in months], rotation=30 if len(months) > 6 else 0
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("数量", fontproperties=font)
    ax.set_xlabel("月份", fontproperties=font)
    ax.set_title(title, fontproperties=title_font)
    ax.legend(prop=font, frameon=False)
    _style_ticks(ax, font)
    return _png(figure)


def _month_label(month: str) -> str:
    """'2024-03' → '2024年3月'."""
    year, number = month.split("-")
    return f"{year}年{int(number)}月"
