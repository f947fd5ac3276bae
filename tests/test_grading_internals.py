"""What cnnlab takes from other libraries beyond their documented API, checked so a new release fails here, loudly.

* ``grading/session.py`` overrides ``nbclient.NotebookClient.output`` (no public hook sees an
  output while its cell runs); pyproject.toml pins nbclient below 0.12.
* ``site/`` subclasses nbconvert's ``IPythonRenderer`` (its math methods); pyproject.toml pins
  nbconvert below 8. The filter itself goes in through the public ``TemplateExporter.filters``.
* The grader's worker and the ``cnnlab`` command mark jsonschema's optional ``rfc3987_syntax`` absent; importing
  ``cnnlab.tools.grading`` changes nothing in ``sys.modules``.
"""

import inspect
import subprocess
import sys

import pytest

from cnnlab.tools.grading import session


def _parameters(function):
    return tuple(inspect.signature(function).parameters)


def test_nbclient_output_has_the_signature_the_grader_overrides():
    from nbclient import NotebookClient
    got = _parameters(NotebookClient.output)
    assert got == session.OUTPUT_SIGNATURE, (
        f"nbclient changed NotebookClient.output{got}: the grader's output cap (grading/session.py, "
        f"CappedClient.output) overrides it with {session.OUTPUT_SIGNATURE}; update it and the pin")
    assert _parameters(session._client_class().output) == session.OUTPUT_SIGNATURE


def test_nbclient_process_message_still_routes_outputs_through_output():
    from nbclient import NotebookClient
    assert "self.output(" in inspect.getsource(NotebookClient.process_message), (
        "nbclient no longer sends outputs through NotebookClient.output: the grader's cap would not run")


def test_the_capped_client_cuts_a_cell_output_after_output_bytes():
    import nbformat
    client = session._client_class()(nbformat.v4.new_notebook(), output_bytes=10)
    client.reset_execution_trackers()
    client.clear_before_next_output = False   # (execute_cell sets it when a cell starts)
    outs = []
    message = {"msg_type": "stream", "parent_header": {}, "header": {"msg_type": "stream"},
               "content": {"name": "stdout", "text": "0123456"}}
    client.output(outs, message, None, 0)
    client.output(outs, message, None, 0)
    client.output(outs, message, None, 0)
    assert [out.text for out in outs] == ["0123456", "\n[… 评分程序在 10 字节后截断了输出 / output cut by the grader after 10 bytes]\n"]
    assert client.kept_bytes == {0: 11}


def test_nbconvert_renderer_math_methods_have_the_signatures_the_site_overrides():
    from nbconvert.filters.markdown_mistune import IPythonRenderer
    from cnnlab.tools.site import MathMLRenderer
    for name, wanted in (("inline_math", ("self", "body")), ("block_math", ("self", "body")),
                         ("latex_environment", ("self", "name", "body"))):
        got = _parameters(getattr(IPythonRenderer, name))
        assert got == wanted, f"nbconvert changed IPythonRenderer.{name}{got}: update cnnlab.tools.site.MathMLRenderer"
        assert _parameters(getattr(MathMLRenderer, name)) == wanted


def test_the_site_exporter_uses_the_public_filters_trait():
    from nbconvert import HTMLExporter
    from cnnlab.tools.site import make_exporter
    exporter = make_exporter()
    assert type(exporter) is HTMLExporter
    assert "markdown2html" in exporter.filters
    rendered = exporter.environment.filters["markdown2html"]
    html = rendered(exporter.environment.from_string("").new_context({}), "中文\n换行 $x^2$")
    assert "<math" in html and "中文换行" in html and "$" not in html


def _run(code):
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_importing_the_grading_package_blocks_no_module():
    assert _run("import sys; before = dict(sys.modules); import cnnlab.tools.grading, cnnlab.tools.grading.worker; "
                "print(sorted(name for name, module in sys.modules.items() if module is None)"
                ".count('rfc3987_syntax'))") == ["0"]


def test_jsonschema_still_works_without_rfc3987_syntax():
    pytest.importorskip("rfc3987_syntax")
    got = _run("from cnnlab.tools import skip_optional_slow_imports; skip_optional_slow_imports(); "
               "import nbformat, jsonschema, sys; nbformat.validate(nbformat.v4.new_notebook()); "
               "print(sys.modules['rfc3987_syntax'] is None, 'iri' in jsonschema.FormatChecker.checkers)")
    assert got == ["True", "False"]


def test_the_cnnlab_command_skips_the_slow_optional_import():
    pytest.importorskip("rfc3987_syntax")
    got = _run("import sys; from cnnlab.tools.cli import main; main(['lessons']); "
               "print(sys.modules.get('rfc3987_syntax', 'never imported'))")
    assert got[-1] == "None"
