/* On a phone (below 992 px) a chart never takes a drag: a finger swiping over it scrolls the
   page, as a page should (issue 20). plotly.js only stops the page scrolling when its layout
   has a drag mode, so every chart drawn at that width is drawn with dragmode false and no
   scroll zoom; taps still click (the map's drill-down) and hovers still show. The figures
   themselves (dashboard/figures, built on the server) stay the same at every width. */
(function () {
  "use strict";
  const narrow = window.matchMedia("(max-width: 991.98px)");
  const react = window.Plotly && window.Plotly.react;
  if (!react) {
    return;
  }
  const still = (layout, config) => [
    Object.assign({}, layout, { dragmode: false }),
    Object.assign({}, config, { scrollZoom: false, doubleClick: false }),
  ];
  window.Plotly.react = function (gd, data, layout, config) {
    if (!narrow.matches) {
      return react.apply(this, arguments);
    }
    if (data && !Array.isArray(data) && typeof data === "object") {
      const [stillLayout, stillConfig] = still(data.layout, data.config);
      return react.call(this, gd, Object.assign({}, data, { layout: stillLayout, config: stillConfig }));
    }
    const [stillLayout, stillConfig] = still(layout, config);
    return react.call(this, gd, data, stillLayout, stillConfig);
  };
})();
