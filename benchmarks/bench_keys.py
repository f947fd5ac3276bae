"""How slow are the quick-check keys? One derivation, one widget check, a brute force, and a build.

    python benchmarks/bench_keys.py            # CPU time of one core; prints the figures keys.py quotes
    python benchmarks/bench_keys.py --wall     # wall-clock time instead

* one derivation: ``PBKDF2-HMAC-SHA256`` with ``keys.ITERATIONS`` rounds (the median of 20);
* one widget check: what the widget computes when a student clicks, on a real quick check
  (``matching_canonical``, ``matching_mistake`` and ``unseal``, keys cache cleared first);
* a brute force: the whole answer range of a numeric check (614,657 guesses, the range that
  fell in 0.47 s with the old SHA-256 keys) and of a 3-D shape with sides up to 64, extrapolated
  from timed guesses;
* the build: how many keys ``cnnlab build`` derives (every quick check, named mistake and
  sealed text of every lesson in both languages), counted while the student versions are made.
"""

import statistics
import time

from cnnlab.exercises import keys

NUMERIC_RANGE = 614_657
SHAPE_RANGE = 64 ** 3
TIMED_GUESSES = 50
# CPU time of this process: what one core spends, whatever else shares the machine
# (run with --wall for wall-clock time instead)
CLOCK = time.process_time


def one_derivation():
    times = []
    for i in range(20):
        keys._material.cache_clear()
        started = CLOCK()
        keys.answer_key("bench", f"{i}e0")
        times.append(CLOCK() - started)
    return statistics.median(times)


def one_widget_check():
    from cnnlab.exercises.spec import make_spec, matching_canonical, matching_mistake
    spec = make_spec("numeric", "bench", answer=34944, digits=0,
                     mistakes=[("forgot_bias", 34848, "count the biases too")])
    sealed = keys.seal("the worked explanation", "bench", "34944e0")
    times = []
    for raw in ("34944", "34,848", "12345"):
        keys._material.cache_clear()
        started = CLOCK()
        canonical = matching_canonical(spec, raw)
        if canonical is None:
            matching_mistake(spec, raw)
        else:
            keys.unseal(sealed, "bench", canonical)
        times.append(CLOCK() - started)
    return max(times)


def brute_force_per_guess():
    keys._material.cache_clear()
    started = CLOCK()
    target = keys.answer_key("bench", "614657e0")
    for guess in range(TIMED_GUESSES):
        if keys.answer_key("bench", f"{guess}e0") == target:
            break
    return (CLOCK() - started) / TIMED_GUESSES


def keys_of_a_build():
    """Derivations made while every lesson's student version is written (both languages)."""
    from cnnlab.i18n import LANGUAGES
    from cnnlab.manifest import load_manifest
    from cnnlab.tools.pipeline.build import student_notebook
    manifest = load_manifest()
    counted = []
    original = keys._material.__wrapped__

    def counting(exercise, canonical):
        counted.append((exercise, canonical))
        return original(exercise, canonical)

    keys._material.cache_clear()
    keys._material = __import__("functools").lru_cache(maxsize=4096)(counting)
    started = CLOCK()
    try:
        for lesson in manifest.lessons:
            for lang in LANGUAGES:
                student_notebook(manifest, lesson, lang)
    finally:
        keys._material = __import__("functools").lru_cache(maxsize=4096)(original)
    return len(counted), len(set(counted)), CLOCK() - started


def main():
    import sys
    global CLOCK
    if "--wall" in sys.argv:
        CLOCK = time.perf_counter
    print("clock:", "wall" if CLOCK is time.perf_counter else "CPU time of one core")
    derivation = one_derivation()
    print(f"ITERATIONS = {keys.ITERATIONS:,}")
    print(f"one derivation:             {derivation * 1000:.1f} ms")
    print(f"one widget check (worst of right / named mistake / wrong): {one_widget_check() * 1000:.1f} ms")
    guess = brute_force_per_guess()
    print(f"brute force: {guess * 1000:.1f} ms a guess; numeric range {NUMERIC_RANGE:,} guesses = "
          f"{NUMERIC_RANGE * guess / 3600:.2f} h; shape range {SHAPE_RANGE:,} = {SHAPE_RANGE * guess / 3600:.2f} h")
    try:
        total, distinct, seconds = keys_of_a_build()
        print(f"build: {total:,} derivations ({distinct:,} distinct) in {seconds:.1f} s")
    except (ImportError, AttributeError) as err:
        print(f"build: not counted ({err})")


if __name__ == "__main__":
    main()
