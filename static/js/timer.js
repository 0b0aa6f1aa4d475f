// A hold and repetition timer for the "Do" box of an exercise (progressive enhancement).
//
// The page says the dose in words; this reads the same numbers from the box's data attributes
// (data-hold, data-reps, data-sets, data-rest, data-sides, data-side-label, data-directions) and
// counts with the patient: holds are timed, repetitions without a hold are counted by a button,
// rests between sets are timed. Each change of step is announced politely to screen readers; the
// seconds are shown, not read out. Nothing is sent anywhere, so it works offline.
//
// Cues the patient may turn on, so a stretch can be held without watching the screen: a short
// tone (made by Web Audio, no sound file), a vibration, and the screen kept awake while the timer
// runs (Screen Wake Lock). Each is offered only where the device can do it; all are off until
// chosen, and the choice is remembered in this browser's localStorage (never a cookie).
(function () {
  "use strict";

  const RELAX_SECONDS = 5; // between two holds, when the dose gives no rest
  const SWITCH_SECONDS = 5; // to change sides or direction
  const CUES_KEY = "backcare.timer-cues";
  const CUES = {
    sound: "Play a short tone at each change",
    vibrate: "Vibrate at each change",
    awake: "Keep the screen on while the timer runs",
  };
  const CAN = {
    sound: typeof window.AudioContext === "function",
    vibrate: typeof navigator.vibrate === "function",
    awake: Boolean(navigator.wakeLock && typeof navigator.wakeLock.request === "function"),
  };

  function number(value) {
    const n = parseInt(value, 10);
    return Number.isFinite(n) && n > 0 ? n : 0;
  }

  function seconds(n) {
    if (n % 60 === 0) return n === 60 ? "1 minute" : n / 60 + " minutes";
    return n === 1 ? "1 second" : n + " seconds";
  }

  // The dose as a list of steps: each a timed hold, a counted set of repetitions, or a pause.
  function plan(dose) {
    const steps = [];
    const sides = dose.sides === 2 ? ["right", "left"] : [""];
    const ways = dose.directions.length > 1 ? dose.directions : [""];
    const sets = Math.max(dose.sets, 1);
    const reps = Math.max(dose.reps, 1);
    const where = (side, way) => {
      const parts = [];
      if (side) parts.push(dose.sideLabel ? side + " " + dose.sideLabel : side + " side");
      if (way) parts.push(way);
      return parts.join(", ");
    };
    for (let set = 1; set <= sets; set++) {
      sides.forEach((side, sideIndex) => {
        ways.forEach((way, wayIndex) => {
          const place = where(side, way);
          if (dose.hold) {
            for (let rep = 1; rep <= reps; rep++) {
              steps.push({ kind: "hold", seconds: dose.hold, rep, reps, set, sets, place });
              if (rep < reps) {
                steps.push({ kind: "relax", seconds: dose.rest && sets === 1 ? dose.rest : RELAX_SECONDS });
              }
            }
          } else {
            steps.push({ kind: "count", reps, set, sets, place });
          }
          const lastWay = wayIndex === ways.length - 1;
          const lastSide = sideIndex === sides.length - 1;
          if (!lastWay) {
            steps.push({ kind: "switch", seconds: SWITCH_SECONDS, to: where(side, ways[wayIndex + 1]) });
          } else if (!lastSide) {
            steps.push({ kind: "switch", seconds: SWITCH_SECONDS, to: where(sides[sideIndex + 1], ways[0]) });
          }
        });
      });
      if (set < sets) {
        steps.push({ kind: "rest", seconds: dose.rest || 60, set, sets });
      }
    }
    return steps;
  }

  function describe(step) {
    const place = step.place ? " (" + step.place + ")" : "";
    const inSet = step.sets > 1 ? ", set " + step.set + " of " + step.sets : "";
    switch (step.kind) {
      case "hold":
        return "Hold " + step.rep + " of " + step.reps + place + inSet + ": hold for " + seconds(step.seconds) + ".";
      case "relax":
        return "Relax for " + seconds(step.seconds) + ".";
      case "count":
        return "Do " + step.reps + place + inSet + ". Press “Count one” after each.";
      case "switch":
        return "Now change to: " + step.to + ".";
      case "rest":
        return "Set " + step.set + " of " + step.sets + " done. Rest for " + seconds(step.seconds) + ".";
      default:
        return "";
    }
  }

  function make(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function chosenCues() {
    const chosen = { sound: false, vibrate: false, awake: false };
    try {
      const saved = JSON.parse(window.localStorage.getItem(CUES_KEY) || "{}");
      Object.keys(chosen).forEach((name) => (chosen[name] = saved[name] === true));
    } catch (error) {
      // No storage (or a broken entry): every cue stays off.
    }
    return chosen;
  }

  function rememberCues(chosen) {
    try {
      window.localStorage.setItem(CUES_KEY, JSON.stringify(chosen));
    } catch (error) {
      // Storage is off: the choice lasts while the page is open.
    }
  }

  // The cue controls of one timer, and the tone, vibration and wake lock they turn on.
  function makeCues(box) {
    const chosen = chosenCues();
    let audio = null;
    let lock = null;
    let asking = false;
    let active = false; // the timer is running (or counting), so the screen should stay on

    function wantsLock() {
      return active && chosen.awake && document.visibilityState === "visible";
    }

    function holdScreen() {
      if (!CAN.awake) return;
      if (wantsLock() && !lock && !asking) {
        asking = true;
        navigator.wakeLock
          .request("screen")
          .then((sentinel) => {
            lock = sentinel;
            sentinel.addEventListener("release", () => {
              if (lock === sentinel) lock = null;
            });
            if (!wantsLock()) holdScreen();
          })
          .catch(() => {
            // Refused (low battery, a hidden page): the timer works without it.
          })
          .finally(() => (asking = false));
      } else if (!wantsLock() && lock) {
        const held = lock;
        lock = null;
        held.release().catch(() => {});
      }
    }

    // Made or woken on a press (a browser lets a page sound only after one), played later.
    function wakeAudio() {
      if (!CAN.sound || !chosen.sound) return;
      try {
        audio = audio || new window.AudioContext();
        if (audio.state === "suspended") audio.resume();
      } catch (error) {
        audio = null;
      }
    }

    function tone() {
      if (!chosen.sound || !audio) return;
      const now = audio.currentTime;
      const oscillator = audio.createOscillator();
      const volume = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = 660;
      volume.gain.setValueAtTime(0.0001, now);
      volume.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, now + 0.35);
      oscillator.connect(volume);
      volume.connect(audio.destination);
      oscillator.start(now);
      oscillator.stop(now + 0.4);
    }

    function buzz() {
      if (chosen.vibrate && CAN.vibrate) navigator.vibrate(200);
    }

    const fieldset = make("fieldset", "timer__cues");
    fieldset.appendChild(make("legend", "timer__cues-legend", "Cues, so you need not watch the screen"));
    const inputs = {};
    Object.keys(CUES)
      .filter((name) => CAN[name])
      .forEach((name) => {
        const row = make("div", "form-check");
        const input = make("input", "form-check-input");
        input.type = "checkbox";
        input.id = box.id + "-cue-" + name;
        input.checked = chosen[name];
        const label = make("label", "form-check-label", CUES[name]);
        label.htmlFor = input.id;
        inputs[name] = input;
        input.addEventListener("change", () => {
          chosen[name] = input.checked;
          rememberCues(chosen);
          // The page's other timers (a started routine holds one per exercise) follow the choice.
          document.dispatchEvent(
            new CustomEvent("timer:cues", { detail: { from: fieldset, chosen: { ...chosen } } })
          );
          // A sample of what was turned on.
          if (name === "sound") {
            wakeAudio();
            tone();
          }
          if (name === "vibrate") buzz();
          holdScreen();
        });
        row.append(input, label);
        fieldset.appendChild(row);
      });
    document.addEventListener("visibilitychange", holdScreen);
    document.addEventListener("timer:cues", (event) => {
      if (event.detail.from === fieldset) return;
      Object.assign(chosen, event.detail.chosen);
      Object.keys(inputs).forEach((name) => (inputs[name].checked = chosen[name]));
      holdScreen();
    });

    return {
      element: fieldset.childElementCount > 1 ? fieldset : null,
      // The timer started (a press) or stopped: paused, reset or done.
      running(on) {
        active = on;
        if (on) wakeAudio();
        holdScreen();
      },
      // One step ended and the next begins.
      change() {
        tone();
        buzz();
      },
    };
  }

  function setUp(box) {
    const dose = {
      hold: number(box.dataset.hold),
      reps: number(box.dataset.reps),
      sets: number(box.dataset.sets),
      rest: number(box.dataset.rest),
      sides: number(box.dataset.sides),
      sideLabel: box.dataset.sideLabel || "",
      directions: (box.dataset.directions || "").split("|").filter(Boolean),
    };
    if (!dose.hold && !dose.reps) return;
    const steps = plan(dose);

    const heading = make("h3", "timer__heading", "Count with the timer");
    heading.id = box.id + "-heading";
    const status = make("p", "timer__status");
    status.setAttribute("aria-live", "polite");
    status.setAttribute("role", "status");
    const clock = make("p", "timer__clock");
    clock.setAttribute("aria-hidden", "true");
    const bar = make("div", "timer__bar");
    bar.setAttribute("aria-hidden", "true");
    const fill = make("div", "timer__fill");
    bar.appendChild(fill);
    const buttons = make("div", "timer__buttons");
    const main = make("button", "btn btn-cta timer__main");
    main.type = "button";
    const count = make("button", "btn btn-cta timer__count", "Count one");
    count.type = "button";
    const reset = make("button", "btn btn-outline-cta timer__reset", "Reset");
    reset.type = "button";
    buttons.append(main, count, reset);
    const cues = makeCues(box);
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", heading.id);
    box.append(heading, status, clock, bar, buttons);
    if (cues.element) box.append(cues.element);

    let index = 0; // the step being done
    let counted = 0; // repetitions counted in a "count" step
    let endsAt = 0; // when the timed step ends (ms), while running
    let left = 0; // ms left in the timed step, while paused
    let running = false;
    let ticker = 0;

    const timed = (step) => step && step.kind !== "count";

    function say(text) {
      status.textContent = text;
    }

    function full(step) {
      return step.seconds * 1000;
    }

    function show() {
      const step = steps[index];
      const done = index >= steps.length;
      const fresh = index === 0 && !running && !counted && (left === 0 || left === full(steps[0]));
      const had = document.activeElement;
      const focused = buttons.contains(had);
      main.hidden = done || step.kind === "count";
      count.hidden = done || step.kind !== "count";
      reset.hidden = fresh;
      // A keyboard user whose button just went away carries on from the one that replaced it.
      if (focused && (had.hidden || document.activeElement !== had)) {
        [count, main, reset].find((button) => !button.hidden).focus();
      }
      if (done) {
        clock.textContent = "Done";
        fill.style.inlineSize = "100%";
        return;
      }
      if (timed(step)) {
        const ms = running ? Math.max(endsAt - Date.now(), 0) : left || full(step);
        clock.textContent = String(Math.ceil(ms / 1000));
        fill.style.inlineSize = (100 * (1 - ms / full(step))).toFixed(1) + "%";
        main.textContent = running ? "Pause" : ms < full(step) ? "Carry on" : "Start";
      } else {
        clock.textContent = counted + " of " + step.reps;
        fill.style.inlineSize = ((100 * counted) / step.reps).toFixed(1) + "%";
      }
    }

    function begin(i) {
      index = i;
      counted = 0;
      const step = steps[index];
      if (!step) {
        running = false;
        window.clearInterval(ticker);
        cues.running(false);
        say("All done. Well done!");
        show();
        return;
      }
      say(describe(step));
      if (timed(step)) {
        left = full(step);
        if (running) endsAt = Date.now() + left;
      } else {
        running = false;
        left = 0;
        window.clearInterval(ticker);
      }
      show();
    }

    function tick() {
      if (!running) return;
      if (Date.now() >= endsAt) {
        cues.change();
        begin(index + 1);
        if (running) return;
      }
      show();
    }

    function start() {
      if (left) say(describe(steps[index])); // carrying on: say which step again
      running = true;
      cues.running(true);
      endsAt = Date.now() + (left || full(steps[index]));
      window.clearInterval(ticker);
      ticker = window.setInterval(tick, 250);
      show();
    }

    function pause() {
      running = false;
      left = Math.max(endsAt - Date.now(), 0);
      window.clearInterval(ticker);
      cues.running(false);
      // Which step it paused on: a patient who left and came back saw "Paused." alone.
      say("Paused. " + describe(steps[index]));
      show();
    }

    main.addEventListener("click", () => (running ? pause() : start()));
    // A started routine pauses the timer of a step the patient moves away from (session.js).
    box.addEventListener("timer:stop", () => {
      if (running) pause();
    });
    count.addEventListener("click", () => {
      const step = steps[index];
      counted += 1;
      cues.running(true);
      if (counted >= step.reps) {
        cues.change();
        running = timed(steps[index + 1]);
        if (running) {
          window.clearInterval(ticker);
          ticker = window.setInterval(tick, 250);
        }
        begin(index + 1);
      } else {
        say(counted + " of " + step.reps + ".");
        show();
      }
    });
    reset.addEventListener("click", () => {
      running = false;
      window.clearInterval(ticker);
      cues.running(false);
      left = 0;
      begin(0);
      say("Reset. " + describe(steps[0]));
      main.focus();
    });

    left = 0;
    index = 0;
    say(describe(steps[0]));
    show();
    box.hidden = false;
  }

  document.querySelectorAll("[data-timer]").forEach(setUp);
})();
