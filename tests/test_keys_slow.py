"""Quick-check keys take a slow, standard key derivation (issue 20 §5): instant for one answer,
hours for the whole answer range of a numeric check."""

import hashlib
import hmac
import time

from cnnlab.exercises import keys
from cnnlab.exercises.spec import make_spec, matching_canonical, matching_mistake

NUMERIC_RANGE = 614_657    # the guesses that searched a numeric check's range in 0.47 s before


def test_a_key_is_pbkdf2_hmac_sha256_of_the_canonical_answer_salted_with_the_exercise():
    material = hashlib.pbkdf2_hmac("sha256", b"34944e0", b"cnnlab/answers/2|conv1_params", keys.ITERATIONS)
    assert keys.answer_key("conv1_params", "34944e0") == hmac.new(material, b"key", "sha256").hexdigest()[:32]
    assert keys.mistake_key("conv1_params", "34944e0") == hmac.new(material, b"mistake", "sha256").hexdigest()[:32]
    assert keys.ITERATIONS >= 50_000
    assert keys.answer_key("conv2_params", "34944e0") != keys.answer_key("conv1_params", "34944e0")


def test_sealed_text_opens_with_the_right_answer_only():
    sealed = keys.seal("the worked explanation", "conv1_params", "34944e0")
    assert "worked" not in sealed
    assert keys.unseal(sealed, "conv1_params", "34944e0") == "the worked explanation"
    assert keys.unseal(sealed, "conv1_params", "34945e0") != "the worked explanation"


def _cpu(function, *args):
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def test_checking_one_answer_is_quick_and_searching_a_numeric_range_takes_hours():
    spec = make_spec("numeric", "bench_check", answer=34944, mistakes=[("forgot_bias", 34848, "the biases")])
    keys._material.cache_clear()
    right = _cpu(matching_canonical, spec, "34,944")
    keys._material.cache_clear()
    wrong = _cpu(lambda: matching_canonical(spec, "12345") or matching_mistake(spec, "12345"))
    assert right < 0.1 and wrong < 0.1, (right, wrong)
    keys._material.cache_clear()
    per_guess = _cpu(lambda: [keys.answer_key("bench_search", f"{guess}e0") for guess in range(5)]) / 5
    assert NUMERIC_RANGE * per_guess > 3600, per_guess     # more than an hour of one core
