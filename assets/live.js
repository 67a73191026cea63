/* The live screen's clock, rotation and keys, run in the browser so that a rotation never
   reaches the server (callbacks/live.py registers `live.tick` as a clientside callback).
   Space pauses or resumes; the arrow keys (and Page Up/Down) step; F toggles full screen.
   Every output that did not change is left alone, so a quiet second re-renders nothing. */
(function () {
  "use strict";

  const CLOCK = new Intl.DateTimeFormat("en-IN", {
    timeZone: "Asia/Kolkata",
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
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

  function status(state, config) {
    const count = config.panels.length;
    const where = `${state.index + 1} / ${count} · ${config.panels[state.index]}`;
    return state.paused ? `${where} · paused (space resumes)` : where;
  }

  function tick(_n, keys, config, state) {
    const keep = window.dash_clientside.no_update;
    const context = window.dash_clientside.callback_context;
    const triggered = (context.triggered || []).map((t) => t.prop_id);
    const now = Date.now();
    const before = state || {};
    const after = advance(before, keys, config, triggered, now);
    after.clock = `${CLOCK.format(new Date(now))} IST`;
    after.status = status(after, config);
    const moved = after.index !== before.index || before.status === undefined;
    const panels = config.panels.map((_, i) =>
      moved ? (i === after.index ? "live-panel is-shown" : "live-panel") : keep
    );
    return [
      JSON.stringify(after) !== JSON.stringify(before) ? after : keep,
      ...panels,
      after.clock !== before.clock ? after.clock : keep,
      after.status !== before.status ? after.status : keep,
    ];
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
})();
