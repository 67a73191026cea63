// The dashboard's first view, drawn by the server (callbacks/first_view.py), goes once the
// app's own tiles hold their answer and its map has drawn what it was sent: in one frame,
// so the same numbers and map stay in place. It goes too when the app shows another page,
// and 30 s after the scripts have all loaded whatever the app shows: an app that never
// answers (a failed callback) is shown as it is, never hidden behind the first view.
(function () {
  'use strict';
  var first = document.getElementById('first-view');
  if (!first) return;
  var drawn = function (graph) {
    if (!graph || !graph._fullLayout || !graph.data) return false;
    var shades = graph.data.some(function (trace) { return trace.type === 'choropleth'; });
    if (shades) return !!graph.querySelector('.choroplethlocation');
    var notes = graph.layout && graph.layout.annotations;
    return graph.data.length > 0 || !!(notes && notes.length);
  };
  var ready = function () {
    if (window.location.pathname !== '/') return true;
    var kpi = document.getElementById('dashboard-kpi-attendances');
    if (!kpi || kpi.textContent.trim() === '…') return false;
    return drawn(document.querySelector('#dashboard-map .js-plotly-plot'));
  };
  var late = false;
  window.addEventListener('load', function () {
    setTimeout(function () { late = true; }, 30000);
  });
  var timer = setInterval(function () {
    var done = late;
    try { done = done || ready(); } catch (e) { done = late; }
    if (done) {
      clearInterval(timer);
      first.remove();
    }
  }, 50);
})();
