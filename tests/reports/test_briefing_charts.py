"""The briefing's chart images: drawn with the CJK font shipped in a package (found by path, not a system
font), so Chinese titles, axis labels and value labels have their glyphs."""

import io
import warnings

from matplotlib import font_manager

from cadreforge.reports.briefing import chart


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_the_cjk_font_is_our_packaged_noto_sans_cjk_sc():
    found = font_manager.fontManager.findfont(chart.cjk_font(), fallback_to_default=False)
    assert found.path == str(chart.font_path())
    assert found.face_index == 2  # Noto Sans CJK SC inside the collection, not its JP face
    assert chart.font_path().name == "NotoSansCJK-Regular.ttc" and chart.font_path().is_file()


def test_funnel_chart_renders_chinese_without_missing_glyphs():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = chart.funnel_chart_png(
            ["考察", "意向", "签约", "开工", "投产"],
            [125, 20, 9, 0, 6],
            title="累计到达各阶段的招商项目数",
            unit="个",
        )
    assert not [w for w in caught if "missing" in str(w.message).lower()], [str(w.message) for w in caught]
    width, height = _png_size(png)
    assert (width, height) == (1080, 510)  # 7.2 × 3.4 inches at 150 dpi


def test_trend_chart_labels_every_bar_and_month_in_chinese():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = chart.trend_chart_png(
            ["2024-01", "2024-02"],
            {"走访（次）": [10, 0], "线索（条）": [3, 1]},
            title="近期各月走访、线索和项目",
        )
    assert not [w for w in caught if "missing" in str(w.message).lower()]
    assert _png_size(png)[0] == 1080


def test_chart_texts_use_the_cjk_font(monkeypatch):
    """Every text of the figure is set in Noto Sans CJK SC (a fallback font would draw tofu boxes)."""
    seen = []
    real = chart._png

    def spy(figure):
        png = real(figure)  # drawn first: ticks made at draw time are checked too
        shown = figure.findobj(
            lambda artist: hasattr(artist, "get_fontname") and artist.get_visible() and artist.get_text()
        )
        seen.extend((text.get_text(), text.get_fontname()) for text in shown)
        return png

    monkeypatch.setattr(chart, "_png", spy)
    chart.funnel_chart_png(["考察", "签约"], [3, 1], title="累计到达各阶段的招商项目数", unit="个")
    texts = dict(seen)
    assert {
        "累计到达各阶段的招商项目数",
        "考察",
        "签约",
        "3个",
        "1个",
        "项目数（个）",
        "0",
        "1",
        "2",
        "3",
    } <= set(texts)
    assert {name for name in texts.values()} == {chart.FAMILY}


def test_a_character_outside_the_font_would_be_reported():
    """The warning the tests above look for is real: a glyph no font has is reported as missing."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure()
    figure.text(0.5, 0.5, "\U000f0000", fontproperties=chart.cjk_font())  # a private-use plane character
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        FigureCanvasAgg(figure).print_png(io.BytesIO())
    assert any("missing" in str(w.message).lower() for w in caught)
