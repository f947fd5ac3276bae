"""Feedback out: ``cnnlab feedback OUT_DIR (--homes HOMES | --zip FILE --lms canvas|moodle)``.

Each page (``feedback.render_feedback``) is made from the stored results after
``prepare``: hand-set grades applied (``overrides.csv``), the lateness of the hand-in
shown (``deadline.py``), and only what the instructor lets it reveal:

``public``  (the default before the deadline, and when no deadline is set) the public
            check's output and the student's own error; the failing hidden case is
            left out, in the details and in the status, so unlimited resubmissions
            cannot fit the hidden tests;
``hidden``  (the default after the deadline) also the failing hidden case's message.

The page's language is the roster's ``lang`` column, else the notebook's language.
Returned to a hub, a page lands in ``HOMES/<student>/feedback/<student>.html``, a real
folder in the student's real home (links are not followed). For an LMS, one zip:
Canvas's "Re-Upload Submissions" and Moodle's "Upload multiple feedback files in
a zip" both match files to students by the name prefix the download gave them
(``name_userid_id_`` / ``Full Name_12345_assignsubmission_file_``), which
``cnnlab collect`` recorded (``collected.csv``, ``lms_key``).
"""

import os
import re
import zipfile
from pathlib import Path

from cnnlab.i18n import say
from cnnlab.tools.grading import deadline, overrides
from cnnlab.tools.grading.status import Part, Status

REVEALS = ("public", "hidden")
_HIDDEN_CASE = re.compile(r"^(wrong: hidden test failed) for .*?(?=; |$)")


class ReturnError(ValueError):
    """Feedback that cannot be returned as asked (one line, names the fix)."""


def reveal_for(out_dir, lesson_stem, chosen=None):
    """The instructor's ``chosen`` reveal, else the lesson's stored one, else public before
    (or without) the deadline and hidden after it."""
    if chosen:
        if chosen not in REVEALS:
            raise ReturnError(say(zh="--reveal 只能是 public 或 hidden，收到 {r}",
                                  en="--reveal must be public or hidden, got {r!r}", r=chosen))
        return chosen
    stored = deadline.load_all(out_dir).get(lesson_stem) or {}
    if stored.get("reveal") in REVEALS:
        return stored["reveal"]
    return "hidden" if stored.get("deadline") and not deadline.before_deadline(out_dir, lesson_stem) else "public"


def _redact(result):
    """What a public-only page may show of one result: no hidden case, in the details or the status."""
    details = dict(result.get("details") or {})
    details.pop("failure", None)
    older = _HIDDEN_CASE.sub(r"\1", result.get("status", ""))    # a results file without status_data
    state = Status.from_data(result.get("status_data"), older)
    if state.verdict.code == "wrong.hidden_case":
        state = Status([Part("wrong.hidden"), *state.parts[1:]])
    return {**result, "details": details, "status": state.text("en"), "status_data": state.to_data()}


def prepare(out_dir, records, *, reveal=None, lang=None):
    """The student's stored ``records`` as their page shows them (see the module docstring)."""
    try:
        hand_set = overrides.read_overrides(out_dir)
    except (overrides.OverrideError, ValueError):
        hand_set = {}          # cnnlab grade and cnnlab feedback refuse a broken file before they start
    prepared, stored = [], deadline.load_all(out_dir)
    for record in records:
        lesson, student = record.get("lesson", ""), record.get("student", "")
        public_only = reveal_for(out_dir, lesson, reveal) == "public"
        results = []
        for result in record.get("results", []):
            key = next((k for k in hand_set if k[0] == student and k[2] == result["exercise"]
                        and overrides.same_lesson(k[1], lesson)), None)
            if key:
                points, comment, _ = hand_set[key]
                result = {**result, "points": points, "graded_points": result["points"], "override": comment or "—"}
            if public_only:
                result = _redact(result)
            results.append(result)
        late = (stored.get(lesson) or {}).get("students", {}).get(student)
        prepared.append({**record, "results": results, "late": late or None,
                         "lang": lang if lang in ("zh", "en") else record.get("lang", "en")})
    return prepared


def render_pages(out_dir, manifest, roster=None, reveal=None, students=None):
    """``{student: html}`` for every student with stored results (or just ``students``)."""
    import json
    from cnnlab.tools.grading.feedback import render_feedback
    overrides.final_rows(out_dir)        # raises OverrideError for a row that names nothing graded
    by_student = {}
    for path in sorted((Path(out_dir) / "results").glob("*/*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(record, dict) and record.get("student") and (students is None or record["student"] in students):
            by_student.setdefault(record["student"], []).append(record)
    titles = {lesson.stem: lesson.title for lesson in manifest.lessons}
    pages = {}
    for student, records in sorted(by_student.items()):
        records.sort(key=lambda r: r.get("graded_at", ""))
        lang = ((roster or {}).get(student) or {}).get("lang") or None
        pages[student] = render_feedback(prepare(out_dir, records, reveal=reveal, lang=lang), titles)
    return pages


def feedback_file_names(out_dir):
    """``{student: file name}`` of the pages in ``OUT_DIR/feedback``: the stem of the student's results
    file (``Submission.safe_name``), so two ids that clean to one name (``Li Na``, ``Li_Na``) keep
    two pages, as the batch wrote them."""
    import json
    names = {}
    for path in sorted((Path(out_dir) / "results").glob("*/*.json")):
        try:
            student = json.loads(path.read_text(encoding="utf-8")).get("student")
        except (ValueError, AttributeError):
            continue
        if isinstance(student, str):
            names.setdefault(student, path.stem + ".html")
    return names


def page_name(student):
    """The page's file name: the student id made safe, as ``Submission.safe_name`` does."""
    return (re.sub(r"[^\w.-]", "_", student) or "_") + ".html"


def to_homes(pages, homes):
    """Write each page into ``HOMES/<student>/feedback/``; returns (written, students not reached).

    A home is the student's to change, so nothing in it is trusted: the home and its
    ``feedback`` folder are opened without following links (``O_NOFOLLOW`` on directory
    descriptors), the page goes to a new file there and is renamed over the old one (a link
    planted under the page's name is replaced, never written through), and when the grader
    runs as root the folder and page are given to the home's owner."""
    written, unreached = [], []
    for student, page in pages.items():
        try:
            written.append(_write_into_home(Path(homes), student, page))
        except OSError:
            unreached.append(student)
    return written, unreached


def _write_into_home(homes, student, page):
    if "/" in student or student in (".", "..", ""):
        raise OSError(say(zh="{s} 不是家目录的名字", en="{s} is not a home folder name", s=student))
    nofollow = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0)
    home = os.open(homes / student, nofollow)
    try:
        owner = os.fstat(home)
        try:
            os.mkdir("feedback", 0o755, dir_fd=home)
        except FileExistsError:
            pass
        folder = os.open("feedback", nofollow, dir_fd=home)
        try:
            name = page_name(student)
            temporary = f".{name}.{os.getpid()}.tmp"
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                             0o644, dir_fd=folder)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(page)
            if os.geteuid() == 0:
                os.chown(temporary, owner.st_uid, owner.st_gid, dir_fd=folder, follow_symlinks=False)
                os.chown(folder, owner.st_uid, owner.st_gid)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        finally:
            os.close(folder)
    finally:
        os.close(home)
    return homes / student / "feedback" / name


def to_lms_zip(pages, path, collected, lms):
    """One zip to upload to ``lms`` (canvas|moodle); returns (written names, students without an LMS key)."""
    if lms not in ("canvas", "moodle"):
        raise ReturnError(say(zh="--lms 只能是 canvas 或 moodle，收到 {l}", en="--lms must be canvas or moodle, got {l!r}",
                              l=lms))
    keys = {student: row["lms_key"] for (student, _), row in sorted(collected.items()) if row.get("lms_key")}
    names, unmatched = [], []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for student, page in pages.items():
            key = keys.get(student)
            if not key:
                unmatched.append(student)
                continue
            name = f"{key}feedback.html" if lms == "moodle" else f"{key}_feedback.html"
            archive.writestr(name, page)
            names.append(name)
    return names, unmatched
