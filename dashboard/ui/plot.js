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

// A title comes wrapped at a number of characters (dashboard/charts/style.wrap), blind to the width it is drawn
// at: a full-width chart's title broke after 42 characters, and two charts side by side whose titles broke into
// different numbers of lines started their plots at different heights. A title pinned to the chart's top
// (style.pinned_title) is laid out again here for the width it is drawn at, its subtitle line too (in a narrow
// window a subtitle ran past the chart's edge), and the charts of one row start their plots under the row's
// tallest title. The PNG, SVG and slide images keep the server's wrapping.
const TITLE_LINE_PX = 22; // style.TITLE_LINE_PX
const SUBTITLE_LINE_PX = 18; // style.SUBTITLE_LINE_PX
const TITLE_SLACK = 0.95; // of the width: the canvas's measure of the text and Plotly's drawing of it differ a little
const PART = " · "; // a subtitle breaks between its parts (the dataset's note · the unit) before inside one
const measure = document.createElement("canvas").getContext("2d");

function cssFont(size, family) {
  const quoted = family
    .split(",")
    .map((name) => name.trim())
    .map((name) => (/^["']|^(serif|sans-serif|monospace)$/.test(name) ? name : `"${name}"`));
  return `${size}px ${quoted.join(", ")}`;
}

// A text the server broke into lines: as one line (as style.unwrap joins them), how it is measured, and how many
// lines the server broke it into; null for a text marked up beyond line breaks.
function textOf(text, font, family, size) {
  if (typeof text !== "string" || !text || /<(?!br>)/.test(text)) return null;
  const lines = text.split("<br>");
  return {
    text: lines.join(lines.some((line) => line.includes(" ")) ? " " : ""),
    font: cssFont((font && font.size) || size, (font && font.family) || family),
    served: lines.length,
  };
}

// The figure's title and subtitle as textOf gives them; null for a title this does not lay out (not pinned, or
// marked up). A subtitle this cannot lay out keeps the server's lines (`sub` null).
function titleOf(layout) {
  const title = layout.title || {};
  const pinned = title.yref === "container" && title.yanchor === "top" && title.pad && layout.margin;
  const family = (title.font && title.font.family) || (layout.font && layout.font.family) || "sans-serif";
  const main = pinned ? textOf(title.text, title.font, family, 17) : null;
  if (!main) return null;
  const subtitle = title.subtitle || {};
  return { ...main, sub: subtitle.text ? textOf(subtitle.text, subtitle.font, family, 12) : null };
}

// `text` broken into lines no wider than `width` px: at `joiner` where it has one, else at spaces where it has
// them, else between characters, never inside a run of Latin letters or digits.
function titleLines(title, width, joiner = " ") {
  measure.font = title.font;
  const spaced = title.text.includes(joiner);
  const tokens = spaced ? title.text.split(joiner) : title.text.match(/[A-Za-z0-9.,%+\-–]+|./gu) || [];
  const lines = [];
  let line = "";
  for (const token of tokens) {
    const longer = line ? `${line}${spaced ? joiner : ""}${token}` : token;
    if (line && measure.measureText(longer).width > width * TITLE_SLACK) {
      lines.push(line);
      line = token;
    } else {
      line = longer;
    }
  }
  return line ? [...lines, line] : lines;
}

function subtitleLines(sub, width) {
  if (!sub) return null;
  const parts = sub.text.includes(PART) ? titleLines(sub, width, PART) : [sub.text];
  // a part too long for a line on its own breaks inside
  return parts.flatMap((part) => titleLines({ ...sub, text: part }, width));
}

function titleWidth(width) {
  return width * 0.99 - 12; // the title starts at 1% of the width (style.layout); the right margin
}

// The height above the plot that `lines` of title and `sublines` of subtitle take (a chart without a subtitle
// keeps its line: style._pinned_update leaves room for one).
function headPx(lines, sublines) {
  return 2 * TITLE_LINE_PX * lines + SUBTITLE_LINE_PX * Math.max(1, sublines);
}

// For every drawn or waiting chart with a title laid out here: its lines at its width, and the height the tallest
// head of the charts in its row takes (frames whose tops are level). One measuring pass over the page. A chart
// already drawn whose fit changed (its neighbour arrived after it, with a longer title) is laid out again,
// unless `skip` has it.
function fitTitles(skip = []) {
  const placed = [];
  document.querySelectorAll(".house-plot").forEach((frame) => {
    const title = frame.__houseTitle?.();
    if (!title) {
      delete frame.__houseFit;
      return;
    }
    const top = Math.round(frame.getBoundingClientRect().top);
    const width = titleWidth(frame.__houseSize().width);
    const lines = titleLines(title, width);
    const sublines = subtitleLines(title.sub, width);
    placed.push({ frame, top, lines, sublines, head: headPx(lines.length, (sublines || []).length) });
  });
  placed.forEach((p) => {
    const row = placed.filter((q) => Math.abs(q.top - p.top) <= 2);
    p.frame.__houseFit = { lines: p.lines, sublines: p.sublines, rowHead: Math.max(...row.map((q) => q.head)) };
  });
  placed
    .filter((p) => !skip.includes(p.frame) && !p.frame.__houseDraw && p.frame.__houseRetitle)
    .forEach((p) => p.frame.__houseRetitle());
}

// The title and top margin that put `fit`'s lines in the title and subtitle and the plot under the row's tallest
// head, by style._pinned_update's arithmetic for n lines: the title's pad 12 + 22(n − 1), the top margin
// 12 + 22(2n − 1) + 18 + 18 (Plotly anchors a multi-line title by its first line), and 18 more for each further
// subtitle line.
function fittedTitle(layout, fit) {
  const served = titleOf(layout);
  const servedHead = headPx(served.served, served.sub ? served.sub.served : 0);
  const pad = { ...layout.title.pad, t: layout.title.pad.t + TITLE_LINE_PX * (fit.lines.length - served.served) };
  const subtitle = fit.sublines ? { subtitle: { ...layout.title.subtitle, text: fit.sublines.join("<br>") } } : {};
  return {
    title: { ...layout.title, text: fit.lines.join("<br>"), pad, ...subtitle },
    margin: { ...layout.margin, t: layout.margin.t + fit.rowHead - servedHead },
  };
}

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
  fitTitles(waiting);
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
      let figure = null;
      const parsed = () => (figure = figure || JSON.parse(data.figure));
      frame.__houseTitle = () => titleOf(parsed().layout);
      // The figure's layout with its title fitted (fitTitles), noting which fit the plot is drawn with.
      const layoutNow = () => {
        const fit = frame.__houseFit;
        plot.__houseTitled = JSON.stringify(fit || null);
        return fit ? { ...parsed().layout, ...fittedTitle(parsed().layout, fit) } : parsed().layout;
      };
      // The drawn plot laid out again: at a new `size`, or for a changed title fit.
      const relayout = (size) => {
        const unchanged = plot.__houseTitled === JSON.stringify(frame.__houseFit || null);
        if (!size && (!plot.__houseDrawnAt || unchanged)) return;
        const { title, margin } = layoutNow();
        onPlot(plot, () => Plotly.relayout(plot, frame.__houseFit ? { ...size, title, margin } : size));
      };
      frame.__houseRetitle = () => relayout();
      drawWhenInSight(frame, (size) => {
        const layout = layoutNow();
        plot.__houseDrawnAt = size;
        onPlot(plot, () => Plotly.react(plot, figure.data, { ...layout, ...size }, config));
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
            fitTitles([frame]);
            relayout(now);
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
    delete frame.__houseTitle;
    delete frame.__houseRetitle;
    shared.pending.delete(frame);
    shared.sight?.unobserve(frame);
    // No Plotly.purge: a draw may still be finishing; the plot goes with its frame.
  };
}
