/* The live screen's clock, rotation and keys, run in the browser so that a rotation never
   reaches the server (callbacks/live.py registers `live.tick` as a clientside callback).
   Space pauses or resumes; the arrow keys (and Page Up/Down) step; F toggles full screen.
   The footer names the panel shown and the one coming next, and says when rotation is
   paused. Every output that did not change is left alone, so a quiet second re-renders
   little. A list shows only the rows that fit whole in its panel, never half a row. */
(function () {
  "use strict";

  // The page's one date style, 07 Dec 2026 (Intl's en-IN would write "7 Dec" and "Sept"):
  // month and day names come in the language spoken with the screen's config (layouts/live.py).
  const IST_OFFSET_MS = 330 * 60 * 1000;
  const two = (n) => String(n).padStart(2, "0");

  function clock(now, config) {
    const t = new Date(now + IST_OFFSET_MS); // read in UTC: India keeps no summer time
    const day = `${config.days[t.getUTCDay()]} ${two(t.getUTCDate())} ${config.months[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
    return `${day}, ${two(t.getUTCHours())}:${two(t.getUTCMinutes())} IST`;
  }
  const STEP = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
  let pressed = 0;

  function advance(state, keys, config, triggered, now) {
    const count = config.panels.length;
    const period = config.rotate * 1000;
    let { index = 0, paused = false, next = null, seen = 0 } = state || {};
    if (triggered.includes("live-keys.data") && keys && keys.n !== seen) {
      seen = keys.n;
      if (keys.key === " ") {
        paused = !paused;
        next = now + period;
      } else if (STEP[keys.key]) {
        index = (index + STEP[keys.key] + count) % count;
        next = now + period;
      }
    } else if (!paused && next !== null && now >= next) {
      index = (index + 1) % count;
      next = now + period;
    }
    if (next === null || next - now > period) {
      next = now + period;
    }
    return { index, paused, next, seen };
  }

  function status(state, config, now) {
    const count = config.panels.length;
    const where = `${state.index + 1} / ${count} · ${config.panels[state.index]}`;
    const coming = config.panels[(state.index + 1) % count];
    if (state.paused) {
      return `${config.paused} · ${where} · ${config.next.replace("{panel}", coming)}`;
    }
    const seconds = String(Math.max(1, Math.ceil((state.next - now) / 1000)));
    return `${where} · ${config.next_in.replace("{panel}", coming).replace("{seconds}", seconds)}`;
  }

  function tick(_n, keys, config, state) {
    const keep = window.dash_clientside.no_update;
    const context = window.dash_clientside.callback_context;
    const triggered = (context.triggered || []).map((t) => t.prop_id);
    const now = Date.now();
    const before = state || {};
    const after = advance(before, keys, config, triggered, now);
    after.clock = clock(now, config);
    after.status = status(after, config, now);
    const moved = after.index !== before.index || before.status === undefined;
    const panels = config.panels.map((_, i) =>
      moved ? (i === after.index ? "live-panel is-shown" : "live-panel") : keep
    );
    return [
      JSON.stringify(after) !== JSON.stringify(before) ? after : keep,
      ...panels,
      after.clock !== before.clock ? after.clock : keep,
      after.status !== before.status ? after.status : keep,
      after.paused !== before.paused || before.status === undefined
        ? `live-status${after.paused ? " is-paused" : ""}`
        : keep,
    ];
  }

  // Rows that do not fit whole in their list's panel are hidden, from the first that
  // would be cut: a list is redrawn with new data, and fitted again whenever it changes.
  function fitRows() {
    document.querySelectorAll(".live-table-wrap").forEach((wrap) => {
      const rows = Array.from(wrap.querySelectorAll("tbody tr"));
      rows.forEach((row) => {
        row.hidden = false;
      });
      const bottom = wrap.getBoundingClientRect().bottom;
      let cut = false;
      rows.forEach((row) => {
        cut = cut || row.getBoundingClientRect().bottom > bottom + 0.5;
        row.hidden = cut;
      });
    });
  }

  function watchLists() {
    let pending = false;
    const refit = () => {
      if (!pending) {
        pending = true;
        requestAnimationFrame(() => {
          pending = false;
          fitRows();
        });
      }
    };
    new MutationObserver((changes) => {
      if (changes.some((c) => c.target.closest && c.target.closest(".live-table-wrap"))) {
        refit();
      }
    }).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("resize", refit);
  }

  function onKey(event) {
    if (!document.getElementById("live-screen")) {
      return;
    }
    if (event.key === "f" || event.key === "F") {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        document.documentElement.requestFullscreen().catch(() => {});
      }
      return;
    }
    if (event.key !== " " && !(event.key in STEP)) {
      return;
    }
    event.preventDefault();
    pressed += 1;
    window.dash_clientside.set_props("live-keys", { data: { key: event.key, n: pressed } });
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.live = { tick };
  document.addEventListener("keydown", onKey);
  if (document.body) {
    watchLists();
  } else {
    document.addEventListener("DOMContentLoaded", watchLists);
  }
})();
