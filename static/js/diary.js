// The patient's diary (issue 21, point 5): "done" and pain from 0 to 10 after a session, kept only
// in this browser's localStorage, and never sent anywhere. One diary on the phone, whatever the
// routine: changing a dose, adding an exercise or making a ready-made routine your own keeps it (it
// was kept under each routine's code, data-diary-code, which an earlier version's diary is taken
// from): there is no
// form to submit and no request here. The finish screen saves an entry; the routine's page draws
// the last 6 weeks as a small SVG chart with a table of the same, prints it, and deletes it all.
// Without this script (or without localStorage) the diary's markup stays hidden.
(function () {
  "use strict";

  const PREFIX = "backcare-diary:";
  const MINE = "mine";
  const DAYS = 42;
  const SVG = "http://www.w3.org/2000/svg";

  function storage() {
    try {
      const store = window.localStorage;
      store.getItem(PREFIX);
      return store;
    } catch (error) {
      return null;
    }
  }

  const store = storage();
  if (!store) return;

  function read(key) {
    try {
      const list = JSON.parse(store.getItem(PREFIX + key) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (error) {
      return [];
    }
  }

  // The diary, with what was kept under this routine's code before (then removed from there).
  function entries(box) {
    const code = box.dataset.diaryCode;
    const list = read(MINE);
    if (code && code !== MINE && store.getItem(PREFIX + code) !== null) {
      const merged = [...read(code), ...list].sort((a, b) => `${a.day} ${a.time}`.localeCompare(`${b.day} ${b.time}`));
      store.setItem(PREFIX + MINE, JSON.stringify(merged));
      store.removeItem(PREFIX + code);
      return merged;
    }
    return list;
  }

  function isoDay(date) {
    const month = String(date.getMonth() + 1).padStart(2, "0");
    const day = String(date.getDate()).padStart(2, "0");
    return `${date.getFullYear()}-${month}-${day}`;
  }

  function readable(day) {
    const [year, month, date] = day.split("-").map(Number);
    return new Date(year, month - 1, date).toLocaleDateString(undefined, {
      weekday: "short",
      day: "numeric",
      month: "short",
    });
  }

  // --- The finish screen: save today's entry ---------------------------------------------------

  document.querySelectorAll("[data-diary-entry]").forEach((box) => {
    const status = box.querySelector("[data-diary-status]");
    // This screen's entry: saving again soon after changes it, not a second one; a session done
    // again later (twice a day, from "Do it again") makes its own.
    let saved = null;
    const AGAIN_MINUTES = 20;
    box.hidden = false;
    box.addEventListener("change", () => (status.textContent = "")); // "Saved" is for what was saved
    box.querySelector("[data-diary-save]").addEventListener("click", () => {
      const done = box.querySelector("[data-diary-done]").checked;
      const chosen = box.querySelector("input[name=diary-pain]:checked");
      if (!done && !chosen) {
        status.textContent = "Tick “I did this routine today” or choose your pain, then save.";
        return;
      }
      const now = new Date();
      const list = entries(box);
      const entry = { id: now.getTime(), day: isoDay(now), time: now.toTimeString().slice(0, 5), done, pain: chosen ? Number(chosen.value) : null };
      const recent = saved && now.getTime() - saved.id < AGAIN_MINUTES * 60000;
      const index = recent ? list.findIndex((kept) => kept.id === saved.id) : -1;
      if (index >= 0) {
        Object.assign(entry, { id: saved.id, day: saved.day, time: saved.time });
        list[index] = entry;
      } else {
        list.push(entry);
      }
      saved = entry;
      store.setItem(PREFIX + MINE, JSON.stringify(list));
      status.textContent = index >= 0 ? "Your diary entry is changed on this phone." : "Saved in your diary on this phone.";
    });
  });

  // --- The routine's page: chart, table, print, delete -----------------------------------------

  function lastWeeks(list, today) {
    const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (DAYS - 1));
    const from = isoDay(first);
    return { first, kept: list.filter((entry) => entry.day >= from && entry.day <= isoDay(today)) };
  }

  function element(name, attributes, text) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pain (0 at the foot, 10 at the top) against the day; a dot each day it was done.
  function chart(kept, first) {
    const width = 340;
    const height = 186;
    const left = 30;
    const top = 8;
    const plotWidth = width - left - 14;
    const plotHeight = 120;
    const x = (day) => {
      const [year, month, date] = day.split("-").map(Number);
      const index = Math.round((new Date(year, month - 1, date) - first) / 86400000);
      return left + (index + 0.5) * (plotWidth / DAYS);
    };
    const y = (pain) => top + plotHeight - (pain / 10) * plotHeight;
    const svg = element("svg", {
      viewBox: `0 0 ${width} ${height}`,
      class: "diary-chart",
      role: "img",
      "aria-label": "Chart of your pain and the days you did the routine; the same is in the table below.",
    });
    [0, 5, 10].forEach((level) => {
      svg.append(element("line", { x1: left, x2: width - 8, y1: y(level), y2: y(level), class: "diary-chart__grid" }));
      svg.append(element("text", { x: left - 6, y: y(level) + 5, class: "diary-chart__label", "text-anchor": "end" }, String(level)));
    });
    const painted = kept.filter((entry) => typeof entry.pain === "number");
    if (painted.length) {
      const points = painted.map((entry) => `${x(entry.day).toFixed(1)},${y(entry.pain).toFixed(1)}`);
      svg.append(element("polyline", { points: points.join(" "), class: "diary-chart__line" }));
      painted.forEach((entry) => svg.append(element("circle", { cx: x(entry.day), cy: y(entry.pain), r: 3.5, class: "diary-chart__pain" })));
    }
    const doneRow = top + plotHeight + 18;
    kept.filter((entry) => entry.done).forEach((entry) => {
      svg.append(element("rect", { x: x(entry.day) - 3, y: doneRow - 3, width: 6, height: 6, class: "diary-chart__done" }));
    });
    svg.append(element("text", { x: left, y: height - 4, class: "diary-chart__label" }, `${readable(isoDay(first))} – today · ■ done`));
    return svg;
  }

  function summary(kept) {
    if (!kept.length) return "Nothing in your diary for the last 6 weeks yet. After a session, the finish screen lets you save it here.";
    const doneDays = new Set(kept.filter((entry) => entry.done).map((entry) => entry.day)).size;
    const painted = kept.filter((entry) => typeof entry.pain === "number");
    let text = `In the last 6 weeks you did your exercises on ${doneDays} day${doneDays === 1 ? "" : "s"}.`;
    if (painted.length) {
      const first = painted[0];
      const last = painted[painted.length - 1];
      text += ` Your pain was ${first.pain} out of 10 on ${readable(first.day)}`;
      text += painted.length > 1 ? ` and ${last.pain} out of 10 on ${readable(last.day)}.` : ".";
    }
    return text;
  }

  document.querySelectorAll("[data-diary]").forEach((section) => {
    const status = section.querySelector("[data-diary-status]");
    const table = section.querySelector("[data-diary-table]");

    function draw() {
      const today = new Date();
      const all = entries(section);
      const { first, kept } = lastWeeks(all, today);
      section.querySelector(".diary__actions").hidden = !all.length; // nothing to print or delete
      section.querySelector("[data-diary-summary]").textContent = summary(kept);
      const holder = section.querySelector("[data-diary-chart]");
      holder.replaceChildren(...(kept.length ? [chart(kept, first)] : []));
      const body = table.querySelector("tbody");
      body.replaceChildren(
        ...kept
          .slice()
          .reverse()
          .map((entry) => {
            const row = document.createElement("tr");
            [`${readable(entry.day)} ${entry.time || ""}`.trim(), entry.done ? "Yes" : "No", typeof entry.pain === "number" ? String(entry.pain) : "–"].forEach((text, index) => {
              const cell = document.createElement(index ? "td" : "th");
              if (!index) cell.scope = "row";
              cell.textContent = text;
              row.append(cell);
            });
            return row;
          }),
      );
      table.hidden = !kept.length;
    }

    section.querySelector("[data-diary-print]").addEventListener("click", () => {
      document.documentElement.classList.add("printing-diary");
      window.print();
    });
    window.addEventListener("afterprint", () => document.documentElement.classList.remove("printing-diary"));

    section.querySelector("[data-diary-delete]").addEventListener("click", () => {
      if (!window.confirm("Delete your whole diary from this browser? This cannot be undone.")) return;
      Object.keys(store)
        .filter((key) => key.startsWith(PREFIX))
        .forEach((key) => store.removeItem(key));
      draw();
      status.textContent = "Your diary is deleted from this browser.";
    });

    draw();
    section.hidden = false;
  });
})();
