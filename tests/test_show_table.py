"""show_table: a data table as a lesson shows it (caption, named headers, source labels, no index)."""

import re

import pandas as pd
import pytest

from crps_lessons.data import load_table, source_label
from crps_lessons.tables import show_table


def _html(*args, **kwargs) -> str:
    return show_table(*args, **kwargs).data


def test_every_header_is_named_and_the_table_has_a_caption():
    out = _html("epidemiology", ["measure", "value", "unit", "source_id"], caption="How common CRPS is")
    headers = re.findall(r"<th scope=\"col\">(.*?)</th>", out)
    assert headers == ["Measure", "Value", "Unit", "Source"]
    assert "<caption>How common CRPS is (data/epidemiology.csv)</caption>" in out
    assert out.count("<tr>") == len(load_table("epidemiology")) + 1


def test_sources_appear_by_their_label_and_missing_values_as_empty_cells():
    table = load_table("course_anchors")
    out = _html("course_anchors", ["statement", "unit", "source_id"], caption="Anchors")
    for source in set(table["source_id"]):
        assert source_label(source).replace("&", "&amp;") in out
    assert "<NA>" not in out and "nan" not in out.lower().split()


@pytest.mark.parametrize(
    "args,kwargs,message",
    [
        (("no_such_table", ["a"]), {"caption": "x"}, "no data table 'no_such_table'"),
        (("epidemiology", ["measure", "colour"]), {"caption": "x"}, "columns ['colour'] are not in the table"),
        (("epidemiology", []), {"caption": "x"}, "are not in the table"),
        ((["a", "b"],), {"caption": "x"}, "table must be a data table's name or a DataFrame; got list"),
        (("epidemiology", ["measure"]), {"caption": "  "}, "caption must say what the table holds"),
    ],
)
def test_bad_input_names_what_was_wrong(args, kwargs, message):
    with pytest.raises((ValueError, TypeError), match=re.escape(message)):
        show_table(*args, **kwargs)


def test_a_computed_frame_is_shown_with_all_its_columns_and_no_file_named():
    frame = pd.DataFrame({"trial": ["A", "B"], "NNT or NNH": ["NNT 4", pd.NA]})
    out = _html(frame, caption="Effects")
    assert re.findall(r"<th scope=\"col\">(.*?)</th>", out) == ["Trial", "NNT or NNH"]
    assert "<caption>Effects</caption>" in out and "<tr><td>B</td><td></td></tr>" in out
