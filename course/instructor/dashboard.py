# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     notebook_metadata_filter: kernelspec,language_info,-jupytext.text_representation.jupytext_version
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Grading dashboard · 评分总览
#
# A view of one `gradebook.csv` written by `cnnlab grade`: the class as a students × lessons
# grid, the exercises most students miss and the named mistakes they make, score distributions
# per exercise, a filterable table of students, the slowest and the failing submissions, and an
# export of what the filter shows (for an LMS, use `cnnlab export`). Set `CNNLAB_GRADEBOOK` (a gradebook file or the `--out` folder) or
# edit the parameter cell, then run all cells.

# %% tags=["parameters"]
import os

GRADEBOOK = os.environ.get("CNNLAB_GRADEBOOK", "grades/gradebook.csv")

# %%
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import HTML, display

from cnnlab.tools.grading.dashboard import (exercise_points, export_rows, failing, filter_rows, grid_shape, load,
                                            slowest, student_table, table_html)

rows = load(GRADEBOOK)
lessons = sorted({row["lesson"] for row in rows})
print(f"{len(rows)} rows · {len({r['student'] for r in rows})} students · lessons: {', '.join(lessons)}")

# %% [markdown]
# ## The class at a glance
#
# One row per student, one column per lesson: points of maximum, ○ exercises left unanswered,
# ⚠ exercises that failed to run (timeout, error, forbidden call …).

# %%
from cnnlab.tools.grading.overview import grid_html, mistake_lines, most_missed

display(HTML(grid_html(rows)))

# %% [markdown]
# ## What the class misses, and which mistakes it makes
#
# The exercises the largest share of students did not get full points on, then each named
# mistake (a typical wrong answer a quick check declares) with the share of the class that made it.

# %%
display(HTML(table_html([{**m, "share": f"{m['share']:.0%}"} for m in most_missed(rows, 5)],
                        ["lesson", "exercise", "missed", "students", "share"])))
for line in mistake_lines(rows) or ["no named mistakes in this gradebook"]:
    print(line)

# %% [markdown]
# ## Code answers that look alike (a report to read, never a grade)
#
# The most alike pairs per lesson, if `cnnlab similarity LESSON SUBMISSIONS_DIR --out OUT_DIR/similarity-NN.html`
# wrote a report beside the gradebook; open the HTML page for the matching lines side by side.
# Short answers (marked `short`) look alike when they are right: read them before concluding.

# %%
from cnnlab.tools.grading.dashboard import similar_pairs

pairs = similar_pairs(Path(GRADEBOOK))
if pairs:
    display(HTML(table_html([{**p, "score": f"{p['score']:.0%}", "short": "short" if p["short"] else ""}
                             for p in pairs], ["lesson", "exercise", "a", "b", "score", "short"])))
else:
    print("no similarity report beside this gradebook")

# %% [markdown]
# ## Score distribution per exercise

# %%
points = exercise_points(rows)
if points:
    n_rows, n_columns = grid_shape(len(points))      # at most 6 panels a row: 65 exercises stay 13 inches wide
    fig, axes = plt.subplots(n_rows, n_columns, figsize=(2.2 * n_columns, 2.0 * n_rows), squeeze=False,
                             constrained_layout=True)
    for ax in axes.flat[len(points):]:
        ax.set_visible(False)
    for ax, ((lesson, exercise), (values, top)) in zip(axes.flat, points.items()):
        ax.hist(values, bins=[x - 0.25 for x in range(int(top) + 2)], rwidth=0.8)
        ax.set_title(f"{exercise}\n({lesson[:2]})", fontsize=8)
        ax.set_xlabel(f"points (max {top:g})", fontsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("students")
    plt.show()

# %% [markdown]
# ## Students (filter by name and status)

# %%
name_box = widgets.Text(description="student", placeholder="part of an id")
word_box = widgets.Dropdown(description="status", options=["any", "ok", "wrong", "unanswered", "timeout",
                                                           "error", "missing", "malformed"])
shown = widgets.Output()


def show_students(*_):
    shown.clear_output()
    with shown:
        picked = filter_rows(rows, name_box.value, word_box.value)
        display(HTML(table_html(student_table(picked), ["student", "lesson", "points", "max_points", "statuses"])))


name_box.observe(show_students, "value")
word_box.observe(show_students, "value")
display(widgets.HBox([name_box, word_box]), shown)
show_students()

# %% [markdown]
# ## Slowest and failing submissions

# %%
display(HTML("<h4>slowest</h4>" + table_html(slowest(rows, 5), ["student", "lesson", "seconds"])))
display(HTML("<h4>failing (timeout, error, missing, malformed)</h4>"
             + table_html(failing(rows), ["student", "lesson", "exercise", "status"])))

# %% [markdown]
# ## Export what the filter shows

# %%
export_to = widgets.Text(value=str(Path(GRADEBOOK).with_name("export.csv")) if Path(GRADEBOOK).suffix
                         else "export.csv", description="file")
export_button = widgets.Button(description="Export CSV")
export_note = widgets.Label()


def on_export(_=None):
    picked = filter_rows(rows, name_box.value, word_box.value)
    export_note.value = f"wrote {len(picked)} rows to {export_rows(picked, export_to.value)}"


export_button.on_click(on_export)
display(widgets.HBox([export_to, export_button, export_note]))
