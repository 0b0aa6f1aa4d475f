"""The timer's cues: a tone, a vibration and the screen kept on, each chosen by the patient.

The page's vibration, wake lock and Web Audio are stubs (an init script) that record each call,
and Playwright's clock stands in for the page's time.
"""

from datetime import datetime

import pytest
from django.urls import reverse

MORNING = datetime(2026, 1, 5, 9, 0, 0)

# Records what the page asks of the device, in window.cueCalls.
STUBS = """
window.cueCalls = {vibrate: [], locks: 0, released: 0, tones: 0};
Object.defineProperty(navigator, "vibrate", {
  configurable: true,
  value: (pattern) => { window.cueCalls.vibrate.push(pattern); return true; },
});
Object.defineProperty(navigator, "wakeLock", {
  configurable: true,
  value: {
    request: async (type) => {
      window.cueCalls.locks += 1;
      const listeners = [];
      return {
        type,
        released: false,
        addEventListener: (name, listener) => listeners.push(listener),
        release: async function () {
          this.released = true;
          window.cueCalls.released += 1;
          listeners.forEach((listener) => listener());
        },
      };
    },
  },
});
window.AudioContext = class {
  constructor() { this.currentTime = 0; this.state = "running"; this.destination = {}; }
  resume() { return Promise.resolve(); }
  createOscillator() {
    return {
      frequency: {}, connect() {}, stop() {},
      start() { window.cueCalls.tones += 1; },
    };
  }
  createGain() {
    return {gain: {setValueAtTime() {}, exponentialRampToValueAtTime() {}}, connect() {}};
  }
};
"""

LABELS = [
    "Play a short tone at each change",
    "Vibrate at each change",
    "Keep the screen on while the timer runs",
]


@pytest.fixture(scope="module")
def browser_page(browser, site):
    """A tab of its own, with the device stubs in every page it opens."""
    # No service worker: it would fetch pages in the background, between tests, and answer later ones.
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, device_scale_factor=1, service_workers="block"
    )
    context.add_init_script(STUBS)
    yield context.new_page()
    context.close()


def open_timer(tab, slug, remembered=None, query=""):
    """Open an exercise's timer with the page's clock stopped and these cues remembered."""
    tab.page.clock.install(time=MORNING)
    tab.open(reverse("exercises:detail", args=[slug]) + query)
    script = (
        "value => value ? localStorage.setItem('backcare.timer-cues', value) : localStorage.clear()"
    )
    tab.page.evaluate(script, remembered)
    tab.page.reload()
    tab.page.clock.pause_at(datetime(2026, 1, 5, 9, 1, 0))
    return tab.page.get_by_role("group", name="Count with the timer")


def calls(tab) -> dict:
    return tab.page.evaluate("window.cueCalls")


def test_the_cues_are_labelled_off_by_default_and_chosen_with_the_keyboard(tab):
    timer = open_timer(tab, "upper-trapezius-stretch")
    cues = timer.get_by_role("group", name="Cues, so you need not watch the screen")
    boxes = [cues.get_by_role("checkbox", name=label) for label in LABELS]
    assert [box.is_checked() for box in boxes] == [False, False, False]

    boxes[0].focus()
    tab.page.keyboard.press("Space")  # the tone
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Space")  # the vibration
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Space")  # the screen
    assert [box.is_checked() for box in boxes] == [True, True, True]
    # Turning a cue on gives a sample of it.
    assert calls(tab)["tones"] == 1 and calls(tab)["vibrate"] == [200]

    # Remembered on this device, and not in a cookie.
    tab.page.reload()
    assert [box.is_checked() for box in boxes] == [True, True, True]
    assert tab.page.context.cookies() == []
    assert tab.console_errors == []


def test_with_the_cues_on_a_run_vibrates_sounds_and_keeps_the_screen_on_until_paused(tab):
    timer = open_timer(tab, "upper-trapezius-stretch", '{"sound":true,"vibrate":true,"awake":true}')
    status = timer.get_by_role("status")
    assert calls(tab) == {"vibrate": [], "locks": 0, "released": 0, "tones": 0}

    timer.get_by_role("button", name="Start").click()
    tab.page.wait_for_function("window.cueCalls.locks === 1")
    tab.page.clock.run_for(20_500)  # the first hold ends
    assert status.inner_text() == "Relax for 5 seconds."
    assert calls(tab)["vibrate"] == [200] and calls(tab)["tones"] == 1

    timer.get_by_role("button", name="Pause").click()
    tab.page.wait_for_function("window.cueCalls.released === 1")
    assert calls(tab)["locks"] == 1

    timer.get_by_role("button", name="Carry on").click()
    tab.page.wait_for_function("window.cueCalls.locks === 2")
    timer.get_by_role("button", name="Reset").click()
    tab.page.wait_for_function("window.cueCalls.released === 2")
    assert tab.console_errors == []


def test_the_screen_is_let_go_when_the_last_hold_is_done(tab):
    # Child's Pose from the morning routine: 2 holds of 30 seconds with a rest of 5 between.
    routine = "?routine=childs-pose:2x30s.1/d"
    timer = open_timer(tab, "childs-pose", '{"awake":true}', routine)
    status = timer.get_by_role("status")
    assert status.inner_text() == "Hold 1 of 2: hold for 30 seconds."
    timer.get_by_role("button", name="Start").click()
    tab.page.wait_for_function("window.cueCalls.locks === 1")
    tab.page.clock.run_for(30_000 + 5_000 + 30_500)
    assert status.inner_text() == "All done. Well done!"
    tab.page.wait_for_function("window.cueCalls.released === 1")
    # Only the screen was chosen: no tone, no vibration.
    assert calls(tab)["vibrate"] == [] and calls(tab)["tones"] == 0


def test_without_the_cues_a_run_asks_nothing_of_the_device(tab):
    timer = open_timer(tab, "upper-trapezius-stretch")
    timer.get_by_role("button", name="Start").click()
    tab.page.clock.run_for(20_500)
    assert timer.get_by_role("status").inner_text() == "Relax for 5 seconds."
    assert calls(tab) == {"vibrate": [], "locks": 0, "released": 0, "tones": 0}


def test_a_cue_chosen_on_one_exercise_of_a_started_routine_holds_for_the_next(tab):
    # A patient's QA pass: ticked on exercise 1, the tone and vibration were off on exercise 2
    # (each exercise's timer read the choice once, when the page loaded).
    tab.page.clock.install(time=MORNING)
    tab.open(reverse("exercises:routine") + "?do=neck-roll:5.2/d,pec-stretch:3x20s.2/d")
    tab.page.evaluate("localStorage.clear()")
    tab.page.get_by_role("link", name="Start the routine").click()
    tab.page.wait_for_url("**/routine/start/**")
    tab.page.clock.pause_at(datetime(2026, 1, 5, 9, 1, 0))

    def shown_timer():
        return tab.page.get_by_role("group", name="Count with the timer").locator("visible=true")

    shown_timer().get_by_role("checkbox", name=LABELS[0]).check()
    shown_timer().get_by_role("checkbox", name=LABELS[1]).check()
    tab.page.get_by_role("link", name="Next").click()
    boxes = [shown_timer().get_by_role("checkbox", name=label) for label in LABELS]
    assert [box.is_checked() for box in boxes] == [True, True, False]

    before = calls(tab)
    shown_timer().get_by_role("button", name="Start").click()
    tab.page.clock.run_for(20_500)  # the first hold ends
    assert shown_timer().get_by_role("status").inner_text() == "Relax for 5 seconds."
    assert calls(tab)["tones"] == before["tones"] + 1
    assert calls(tab)["vibrate"] == [*before["vibrate"], 200]
    tab.page.evaluate("localStorage.clear()")
