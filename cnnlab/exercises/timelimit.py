"""Run a student's function with a time limit, so that an endless loop cannot hang the kernel.

On the main thread (where Jupyter runs cells and widget callbacks) a SIGALRM
timer (``signal.setitimer``) raises ``TookTooLong`` inside the function after
``seconds``, then again every 50 ms in case the function swallows it, and the
kernel stays usable. Elsewhere (another thread, or Windows: no SIGALRM) the
function runs in a daemon thread; after ``seconds`` the caller gets
``TookTooLong`` and the thread receives an asynchronous ``TookTooLong``.

Limits of the approach: Python checks for signals and asynchronous exceptions
between bytecodes, so a single long call into C (a huge NumPy or torch
operation, ``time.sleep`` off the main thread) ends only when that call returns;
a loop with a bare ``except:`` that catches everything can still run forever
(press ■, *Interrupt the kernel*); memory exhaustion is not guarded.
"""

import ctypes
import signal
import threading

REPEAT = 0.05  # seconds between repeated alarms once the limit has passed


class TookTooLong(BaseException):
    """The function ran past its time limit. A BaseException, so ``except Exception`` cannot hide it."""

    def __init__(self, seconds=0.0):
        super().__init__(seconds)
        self.seconds = seconds


def call_with_time_limit(func, args=(), seconds=2.0):
    """``func(*args)``, or TookTooLong after ``seconds``."""
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        return _with_alarm(func, args, seconds)
    return _with_thread(func, args, seconds)


def _with_alarm(func, args, seconds):
    armed = [True]

    def on_alarm(signum, frame):
        if armed[0]:
            raise TookTooLong(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        return func(*args)
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _with_thread(func, args, seconds):
    outcome = {}

    def target():
        try:
            outcome["value"] = func(*args)
        except BaseException as err:  # handed to the caller below
            outcome["error"] = err

    worker = threading.Thread(target=target, daemon=True, name="cnnlab-exercise")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(TookTooLong))
        raise TookTooLong(seconds)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
