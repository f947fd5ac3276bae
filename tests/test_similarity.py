"""cnnlab similarity: copied code answers are flagged, independently written ones are not.

Twelve synthetic submissions of lesson 02 are built from the student lesson: six honest answers
to ``corr2d`` in different styles, two pairs copied with every name changed, and one pair copied
and reformatted (new line breaks, spacing, comments, docstring). Nothing is executed.
"""

import os
import textwrap

import nbformat
import pytest

from cnnlab.cells import exercise_ids
from cnnlab.tools.grading import similarity
from cnnlab.tools.grading.similarity import render_html, render_text, similarity_report
from tests.helpers import ROOT, course_manifest

DOC = '    """Cross-correlation of a 2-D array X with a 2-D kernel K (no padding, stride 1)."""\n'


def _corr2d(body, name="my_corr2d", args="X, K", doc=DOC):
    return f"def {name}({args}):\n{doc}" + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n"


HONEST = {
    "ana": _corr2d("""
        h, w = K.shape
        result = np.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
        for r in range(result.shape[0]):
            for c in range(result.shape[1]):
                total = 0.0
                for a in range(h):
                    for b in range(w):
                        total += X[r + a, c + b] * K[a, b]
                result[r, c] = total
        return result
    """),
    "ben": _corr2d("""
        rows = X.shape[0] - K.shape[0] + 1
        cols = X.shape[1] - K.shape[1] + 1
        return np.array([[np.sum(X[i:i + K.shape[0], j:j + K.shape[1]] * K) for j in range(cols)]
                         for i in range(rows)])
    """),
    "chen": _corr2d("""
        kh, kw = K.shape
        oh, ow = X.shape[0] - kh + 1, X.shape[1] - kw + 1
        windows = np.stack([X[p:p + oh, q:q + ow] for p in range(kh) for q in range(kw)])
        return np.einsum('kij,k->ij', windows, K.reshape(-1))
    """),
    "dana": _corr2d("""
        n, m = np.shape(K)
        acc = 0
        for u in range(n):
            for v in range(m):
                acc = acc + K[u, v] * X[u:X.shape[0] - n + 1 + u, v:X.shape[1] - m + 1 + v]
        return acc
    """),
    "eli": _corr2d("""
        import itertools
        kh, kw = K.shape
        H, W = X.shape
        out = np.empty((H - kh + 1, W - kw + 1))
        for i, j in itertools.product(range(H - kh + 1), range(W - kw + 1)):
            out[i, j] = np.dot(X[i:i + kh, j:j + kw].ravel(), K.ravel())
        return out
    """),
    "fay": _corr2d("""
        kernel = np.asarray(K, dtype=float)
        image = np.asarray(X, dtype=float)
        height = image.shape[0] - kernel.shape[0] + 1
        width = image.shape[1] - kernel.shape[1] + 1
        answer = []
        i = 0
        while i < height:
            line = []
            j = 0
            while j < width:
                patch = image[i:i + kernel.shape[0], j:j + kernel.shape[1]]
                line.append(float(np.tensordot(patch, kernel, axes=2)))
                j += 1
            answer.append(line)
            i += 1
        return np.array(answer)
    """),
}

ORIGINAL_1 = _corr2d("""
    out_rows = X.shape[0] - K.shape[0] + 1
    out_cols = X.shape[1] - K.shape[1] + 1
    flat_kernel = K.flatten()
    out = np.zeros(out_rows * out_cols)
    position = 0
    for top in range(out_rows):
        for left in range(out_cols):
            window = X[top:top + K.shape[0], left:left + K.shape[1]].flatten()
            out[position] = sum(a * b for a, b in zip(window, flat_kernel))
            position += 1
    return out.reshape(out_rows, out_cols)
""")
RENAMED_1 = _corr2d("""
    nr = img.shape[0] - ker.shape[0] + 1
    nc = img.shape[1] - ker.shape[1] + 1
    kf = ker.flatten()
    res = np.zeros(nr * nc)
    idx = 0
    for y in range(nr):
        for x in range(nc):
            piece = img[y:y + ker.shape[0], x:x + ker.shape[1]].flatten()
            res[idx] = sum(p * q for p, q in zip(piece, kf))
            idx += 1
    return res.reshape(nr, nc)
""", args="img, ker")

ORIGINAL_2 = _corr2d("""
    Xt = torch.as_tensor(X, dtype=torch.float64)
    Kt = torch.as_tensor(K, dtype=torch.float64)
    kh, kw = Kt.shape
    cols = []
    for dy in range(kh):
        for dx in range(kw):
            cols.append(Xt[dy:Xt.shape[0] - kh + 1 + dy, dx:Xt.shape[1] - kw + 1 + dx])
    stacked = torch.stack(cols, dim=-1)
    return (stacked @ Kt.reshape(-1)).numpy()
""")
RENAMED_2 = _corr2d("""
    A = torch.as_tensor(inp, dtype=torch.float64)
    B = torch.as_tensor(filt, dtype=torch.float64)
    p, q = B.shape
    parts = []
    for s in range(p):
        for t in range(q):
            parts.append(A[s:A.shape[0] - p + 1 + s, t:A.shape[1] - q + 1 + t])
    big = torch.stack(parts, dim=-1)
    return (big @ B.reshape(-1)).numpy()
""", args="inp, filt")

ORIGINAL_3 = _corr2d("""
    H, W = X.shape
    kh, kw = K.shape
    out = [[0.0] * (W - kw + 1) for _ in range(H - kh + 1)]
    for i in range(H - kh + 1):
        for j in range(W - kw + 1):
            s = 0.0
            for a, row in enumerate(K):
                s += float(np.inner(X[i + a, j:j + kw], row))
            out[i][j] = s
    return np.array(out)
""")
REFORMATTED_3 = '''def my_corr2d(X, K):
    """My own version: slide the kernel over the image."""
    H, W = X.shape      # image size
    kh, kw = K.shape    # kernel size
    out = [ [ 0.0 ]*( W-kw+1 )
            for _ in range( H-kh+1 ) ]
    # every output position
    for i in range( H-kh+1 ):
        for j in range( W-kw+1 ):
            s=0.0
            for a,row in enumerate( K ):
                s+=float( np.inner( X[ i+a , j:j+kw ] ,
                                    row ) )
            out[ i ][ j ]=s
    return np.array( out )
'''

MULTI_IN = {
    0: "    return sum(my_corr2d(x, k) for x, k in zip(X, K))",
    1: "    return sum(corr2d(X[c], K[c]) for c in range(len(X)))",
    2: "    out = 0\n    for x, k in zip(X, K):\n        out = out + corr2d(x, k)\n    return out",
}

COPIED = {("gus", "hal"), ("ivy", "jon"), ("kim", "lee")}


def _answers():
    answers = dict(HONEST)
    answers.update(gus=ORIGINAL_1, hal=RENAMED_1, ivy=ORIGINAL_2, jon=RENAMED_2, kim=ORIGINAL_3, lee=REFORMATTED_3)
    return answers


def _student_notebook(corr2d_source, multi_in_body):
    nb = nbformat.read(ROOT / "lessons" / "en" / "02_convolution.ipynb", as_version=4)
    for cell in nb.cells:
        ids = exercise_ids(cell)
        if cell.cell_type != "code" or "check_function" in cell.source:
            continue
        if "corr2d" in ids:
            cell.source = corr2d_source
        elif "corr2d_multi_in" in ids:
            head = cell.source.split("    # YOUR CODE HERE")[0]
            cell.source = head + multi_in_body + "\n"
    return nb


def _write_batch(folder, answers):
    for number, (student, source) in enumerate(sorted(answers.items())):
        (folder / student).mkdir(parents=True)
        nbformat.write(_student_notebook(source, MULTI_IN[number % 3]), folder / student / "02_convolution.ipynb")
    return folder


@pytest.fixture(scope="module")
def manifest():
    return course_manifest()


@pytest.fixture(scope="module")
def batch_report(manifest, tmp_path_factory):
    folder = _write_batch(tmp_path_factory.mktemp("subs"), _answers())
    return similarity_report(manifest, manifest.lesson("02"), folder)


def test_the_batch_has_twelve_distinct_answers():
    answers = _answers()
    assert len(answers) == 12 and len(set(answers.values())) == 12


def test_flags_exactly_the_copied_pairs(batch_report):
    flagged = {(pair.a, pair.b) for pair in batch_report.pairs}
    assert flagged == COPIED, render_text(batch_report)
    assert all(pair.exercise == "corr2d" for pair in batch_report.pairs)
    assert all(pair.score > 0.9 for pair in batch_report.pairs)
    assert batch_report.students == 12 and not batch_report.not_compared


def test_copied_pairs_show_their_matching_lines_side_by_side(batch_report):
    pair = next(p for p in batch_report.pairs if (p.a, p.b) == ("ivy", "jon"))
    left = "\n".join(text for block in pair.blocks for _, text in block[0])
    right = "\n".join(text for block in pair.blocks for _, text in block[1])
    assert "cols.append(Xt[dy:" in left and "parts.append(A[s:" in right
    text = render_text(batch_report)
    assert "cols.append(Xt[dy:" in text and "parts.append(A[s:" in text


def test_short_answers_are_reported_apart(batch_report):
    assert "corr2d_multi_in" in batch_report.short_exercises and "corr2d" not in batch_report.short_exercises
    assert all(pair.exercise == "corr2d_multi_in" for pair in batch_report.short_pairs)
    text = render_text(batch_report)
    assert "short answers look alike; read before concluding" in text
    assert len(batch_report.short_pairs) > similarity.SHORT_SHOWN      # 12 students, 3 answers: many alike
    assert f"{len(batch_report.short_pairs)} pairs of short answers are above the threshold" in text


def test_the_header_says_it_is_never_a_grade(batch_report, lang):
    lang("en")
    assert "never a grade" in render_text(batch_report)
    lang("zh")
    assert "不是成绩" in render_text(batch_report)


def test_stub_and_reference_code_are_not_flagged(manifest, tmp_path):
    """Students who hand in the reference answer (or leave the stub) share only what everyone starts from."""
    solution = nbformat.read(ROOT / "solutions" / "en" / "02_convolution.ipynb", as_version=4)
    reference = next(c.source for c in solution.cells if "corr2d" in exercise_ids(c) and "BEGIN SOLUTION" in c.source)
    reference = "\n".join(line for line in reference.split("\n") if "### " not in line)
    answers = {"ref1": reference, "ref2": reference, "ref3": reference.replace("out", "result"),
               "a": HONEST["ana"], "b": HONEST["ben"]}
    folder = _write_batch(tmp_path / "subs", answers)
    report = similarity_report(manifest, manifest.lesson("02"), folder)
    assert report.pairs == [], render_text(report)
    # and the same answers are flagged when the reference is not excluded: the test can fail
    prints = {s: similarity.fingerprints(src) for s, src in answers.items()}
    assert len(prints["ref1"].keys() & prints["ref3"].keys()) >= similarity.MIN_SHARED


def test_a_symlinked_notebook_is_refused(manifest, tmp_path):
    folder = _write_batch(tmp_path / "subs", {"gus": ORIGINAL_1, "hal": RENAMED_1})
    (folder / "mal").mkdir()
    os.symlink(folder / "gus" / "02_convolution.ipynb", folder / "mal" / "02_convolution.ipynb")
    report = similarity_report(manifest, manifest.lesson("02"), folder)
    assert [student for student, _ in report.not_compared] == ["mal"]
    assert "symbolic link" in report.not_compared[0][1]
    assert {(p.a, p.b) for p in report.pairs} == {("gus", "hal")}


def test_html_escapes_student_text(manifest, tmp_path):
    hostile = ORIGINAL_1.replace("position = 0", "position = 0  # </pre><script>alert(1)</script>")
    hostile = hostile.replace("out = np.zeros(", "tag = '<script>x</script>'\n    out = np.zeros(")
    folder = _write_batch(tmp_path / "subs", {"<script>alert(2)": hostile, "hal": RENAMED_1})
    report = similarity_report(manifest, manifest.lesson("02"), folder)
    assert report.pairs, render_text(report)
    page = render_html(report)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(2)" in page and "&lt;/pre&gt;&lt;script&gt;alert(1)" in page


def test_the_cli_writes_html_and_a_summary(manifest, tmp_path, capsys):
    from cnnlab.tools.cli import main
    folder = _write_batch(tmp_path / "subs", {"gus": ORIGINAL_1, "hal": RENAMED_1, "ana": HONEST["ana"]})
    out = tmp_path / "graded" / "similarity-02.html"
    assert main(["--root", str(ROOT), "similarity", "02", str(folder), "--out", str(out)]) == 0
    assert "gus" in out.read_text() and (tmp_path / "graded" / "similarity-02.json").is_file()
    from cnnlab.tools.grading.dashboard import similar_pairs
    pairs = similar_pairs(tmp_path / "graded")
    assert [(p["lesson"], p["exercise"], p["a"], p["b"], p["short"]) for p in pairs if not p["short"]] == \
        [("02_convolution", "corr2d", "gus", "hal", False)]
    assert similar_pairs(tmp_path / "subs") == []
    assert main(["--root", str(ROOT), "similarity", "02", str(folder), "--threshold", "7"]) == 2
    assert "--threshold" in capsys.readouterr().err
