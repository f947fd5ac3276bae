"""What a lesson calls from its cells: ``start_lesson`` (language, seed, header) and ``show_source``."""

from cnnlab.i18n import check_language, say, set_language
from cnnlab.manifest import load_manifest
from cnnlab.settings import quick_mode


def start_lesson(stem, lang):
    """First cell of every lesson: set the language and seed, then print the lesson header.

    Returns the lesson's manifest entry. In a lesson that trains a network (``trains = true``
    in the manifest) the header says which mode runs, so that nobody mistakes a quick-mode
    accuracy for the real one; a lesson that trains nothing has no mode to mention.
    """
    set_language(check_language(lang))
    lesson = load_manifest().lesson(stem)
    from cnnlab.exercises.answers import use_lesson
    use_lesson(lesson.stem)  # the exercise widgets record into <stem>.answers.json
    from cnnlab.train import seed
    seed(0)                  # Python, NumPy and PyTorch: the same lesson gives the same numbers
    from cnnlab.fonts import use_cjk_font
    use_cjk_font()
    print(say(zh="第 {n:02d} 课 · {title}", en="Lesson {n:02d} · {title}",
              n=lesson.number, title=lesson.title[lang]))
    if not lesson.trains:
        return lesson
    if quick_mode():
        print(say(zh="快速模式（CNNLAB_QUICK=1）：训练只用少量数据和轮数，得到的数字不是本课完整模式的结果。",
                  en="Quick mode (CNNLAB_QUICK=1): training uses a small subset and few epochs; "
                     "its numbers are not the lesson's full-mode results."))
    else:
        print(say(zh="完整模式（未设置 CNNLAB_QUICK）：使用全部数据和代码设定的轮数；设置 CNNLAB_QUICK=1 可以快速试跑。",
                  en="Full mode (CNNLAB_QUICK unset): all the data and the epochs the code asks for; "
                     "CNNLAB_QUICK=1 runs a quick version."))
    return lesson


def show_source(obj):
    """Print the source code of a cnnlab function or class, so a lesson can show it."""
    import inspect
    print(inspect.getsource(obj).rstrip())
