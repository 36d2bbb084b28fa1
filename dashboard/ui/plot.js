// The chart element's browser half (dashboard/ui/plot.py). Streamlit calls this function when the element
// mounts and again whenever its data changes. The element is keyed, so it stays mounted across reruns and
// its chart is updated in place by Plotly.react, never torn down and drawn anew.
//
// Three things keep a filter change cheap here (`python -m dashboard bench --browser`):
// - the charts a rerun changed are drawn together, in the frame after Streamlit placed the rest of it;
// - a chart out of sight is drawn only when it comes within a quarter screen of sight (or the page is
//   printed); until then it is dimmed, so a glimpse of it never passes for the current figure;
// - each chart's frame has a fixed size and `contain: strict`, and Plotly is given its width outright, so
//   measuring its text as it draws does not lay out the whole page again.
//
// plotly.js is the file shipped in the plotly Python package (the one kaleido draws the PNG and SVG downloads
// with), loaded once per browser tab from the app's own server.

const shared = (window.__housePlot = window.__housePlot || {
  loads: {},
  pending: new Set(),
  frame: 0,
  sight: null,
});

const STALE_OPACITY = "0.35";
const FULLSCREEN_ICON = {
  width: 24,
  height: 24,
  path: "M3 3h7v2H5v5H3V3zm11 0h7v7h-2V5h-5V3zM3 14h2v5h5v2H3v-7zm16 0h2v7h-7v-2h5v-5z",
};

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!shared.loads[src]) {
    shared.loads[src] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        delete shared.loads[src];
        script.remove();
        reject(new Error(src));
      };
      document.head.appendChild(script);
    });
  }
  return shared.loads[src];
}

// `frame`: a chart's frame (the element's `.house-plot`), holding its plot and, until it is drawn, the
// figure waiting to be (`frame.__houseDraw`).
function drawWhenInSight(frame, draw) {
  frame.__houseDraw = draw;
  if (!shared.sight) {
    shared.sight = new IntersectionObserver(
      (entries) => entries.forEach((entry) => (entry.isIntersecting ? queue(entry.target) : dim(entry.target))),
      // scrollMargin: the page scrolls inside Streamlit's main block, whose edge would otherwise clip the
      // margin away (a chart was drawn only once a pixel of it showed).
      { rootMargin: "25% 0px", scrollMargin: "25% 0px" },
    );
    window.addEventListener("beforeprint", () => drawAll([...document.querySelectorAll(".house-plot")]));
  }
  shared.sight.unobserve(frame);
  shared.sight.observe(frame); // it reports at once whether the frame is in sight
}

// A drawn chart whose new figure waits out of sight.
function dim(frame) {
  const plot = frame.querySelector(".house-plot-area");
  if (plot?.data && frame.__houseDraw) plot.style.opacity = STALE_OPACITY;
}

function queue(frame) {
  shared.sight.unobserve(frame);
  shared.pending.add(frame);
  if (!shared.frame) {
    shared.frame = requestAnimationFrame(() => {
      shared.frame = 0;
      const frames = [...shared.pending];
      shared.pending.clear();
      drawAll(frames);
    });
  }
}

function drawAll(frames) {
  // A frame taken off the page for a moment (Streamlit moving its elements) is drawn once it is back.
  frames.filter((frame) => !frame.isConnected && frame.__houseDraw).forEach((frame) => shared.sight?.observe(frame));
  const waiting = frames.filter((frame) => frame.isConnected && frame.__houseDraw);
  const sizes = waiting.map((frame) => frame.__houseSize()); // every measurement before any drawing
  waiting.forEach((frame, i) => {
    shared.sight?.unobserve(frame);
    const draw = frame.__houseDraw;
    delete frame.__houseDraw;
    draw(sizes[i]);
  });
}

// Plotly's calls on one plot, one after another. A resize (or a new figure) that arrives while the previous
// draw is still finishing waits for it: under load a first draw takes several frames, and a relayout in the
// middle of it read a layout not yet made ("Cannot read properties of undefined (reading 'width')", seen as a
// page error with twenty sessions on two cores). A call for a plot that has left the page is dropped; an error
// on one still on the page goes to the console, not out of the page's event handlers.
// A draw that never settles (none is known to) holds the next one back for CALL_LIMIT_MS at most.
const CALL_LIMIT_MS = 10000;

function onPlot(plot, call) {
  const limit = () => new Promise((resolve) => setTimeout(resolve, CALL_LIMIT_MS));
  const run = () => (plot.isConnected ? Promise.race([call(), limit()]) : undefined);
  plot.__houseCalls = (plot.__houseCalls || Promise.resolve())
    .then(run)
    .catch((error) => plot.isConnected && console.error(error));
}

// A slide's chart (data.fitBelow set) is no taller than leaves fitBelow px of the screen under it, for the
// rest of the slide (its source line, then its downloads), and no shorter than FIT_MIN px, or FIT_MIN_SHARE
// of a shorter screen (260 px on a 720-px one): a slide is read on one screen, and a 720-px projector had the
// chart's legend and the source below the fold.
const FIT_MIN = 300;
const FIT_MIN_SHARE = 0.36;

function heightOf(frame, data) {
  if (data.fitBelow == null) return data.height;
  const scroller = frame.closest('[data-testid="stMain"]');
  const top = frame.getBoundingClientRect().top + (scroller ? scroller.scrollTop : 0);
  const least = Math.min(FIT_MIN, FIT_MIN_SHARE * window.innerHeight);
  return Math.round(Math.max(least, Math.min(data.height, window.innerHeight - top - data.fitBelow)));
}

export default function (component) {
  const { data, parentElement } = component;
  const frame = parentElement.querySelector(".house-plot");
  frame.setAttribute("aria-label", data.label);
  frame.style.height = `${heightOf(frame, data)}px`;
  frame.style.contain = "strict";
  let plot = frame.querySelector(".house-plot-area");
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "house-plot-area";
    frame.appendChild(plot);
  }
  const config = {
    displaylogo: false,
    modeBarButtonsToAdd: [
      {
        name: "fullscreen",
        title: data.fullscreen,
        icon: FULLSCREEN_ICON,
        click: () => (document.fullscreenElement ? document.exitFullscreen() : frame.requestFullscreen()),
      },
    ],
  };
  // The column's width and the chart's height (a slide's fitted to the screen, and its frame with it); in full
  // screen, the screen's.
  frame.__houseSize = () => {
    if (document.fullscreenElement === frame) return { width: window.innerWidth, height: window.innerHeight };
    const height = heightOf(frame, data);
    // Only a slide's frame ever changes height here; an unchanged one is not written (a write between two
    // measurements of drawAll's would lay the page out again).
    if (frame.style.height !== `${height}px`) frame.style.height = `${height}px`;
    return { width: frame.clientWidth, height };
  };
  loadPlotly(data.src).then(
    (Plotly) => {
      frame.querySelector(".house-plot-failed")?.remove();
      drawWhenInSight(frame, (size) => {
        const figure = JSON.parse(data.figure);
        plot.__houseDrawnAt = size;
        onPlot(plot, () => Plotly.react(plot, figure.data, { ...figure.layout, ...size }, config));
        plot.style.opacity = "";
      });
      if (!frame.__houseUnwatch) {
        // The column's width changed (the sidebar folded, the window resized), full screen went on or off, or
        // (for a slide's chart) the screen's height changed.
        const resized = () => {
          const now = frame.__houseSize();
          const was = plot.__houseDrawnAt;
          const changed = was && (now.width !== was.width || now.height !== was.height);
          if (frame.isConnected && !frame.__houseDraw && changed) {
            plot.__houseDrawnAt = now;
            onPlot(plot, () => Plotly.relayout(plot, now));
          }
        };
        const watch = new ResizeObserver(resized);
        watch.observe(frame);
        document.addEventListener("fullscreenchange", resized);
        if (data.fitBelow != null) window.addEventListener("resize", resized); // only a slide's height follows it
        frame.__houseUnwatch = () => {
          watch.disconnect();
          document.removeEventListener("fullscreenchange", resized);
          window.removeEventListener("resize", resized);
        };
      }
    },
    () => {
      if (!frame.querySelector(".house-plot-failed")) {
        const said = document.createElement("p");
        said.className = "house-plot-failed";
        said.textContent = data.failed;
        frame.appendChild(said);
      }
    },
  );
  return () => {
    frame.__houseUnwatch?.();
    delete frame.__houseUnwatch;
    delete frame.__houseDraw;
    shared.pending.delete(frame);
    shared.sight?.unobserve(frame);
    // No Plotly.purge: a draw may still be finishing; the plot goes with its frame.
  };
}
