/* Reader aids the theme leaves out, added once the page has loaded:
   - each heading's "#" link is named after its heading ("Link to the section 'Demand'"), not "#";
   - every table sits in a box that scrolls sideways when the table is wider than the screen, so
     the page itself never does (WCAG 1.4.10, reflow at 320 CSS px), and so does every chart,
     which a narrow screen shows at its own size (assess.css) rather than shrunk past reading;
     a box that scrolls can be reached with the keyboard (the theme does that for its own boxes),
     and each box that can is a region named after its table's caption or its chart's alt text,
     so a screen reader says what it is (WCAG 4.1.2). */
(function () {
  "use strict";
  /* The boxes the theme makes focusable when they scroll, and the book's own. */
  var SCROLLERS = "pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, " +
    ".pst-scrollable-table-container, div.assess-scroll";

  function text(node) {
    return node ? node.textContent.replace(/#$/, "").replace(/\s+/g, " ").trim() : "";
  }

  function nameHeadingLinks() {
    document.querySelectorAll("article a.headerlink").forEach(function (link) {
      var heading = link.closest("h1, h2, h3, h4, h5, h6, caption, dt, p.caption") || link.parentElement;
      var words = text(heading);
      if (words) link.setAttribute("aria-label", "Link to the section ‘" + words + "’");
    });
  }

  function scrollsSideways(node) {
    var overflow = getComputedStyle(node).overflowX;
    return overflow === "auto" || overflow === "scroll";
  }

  function boxCharts() {
    document.querySelectorAll("article .cell_output > img").forEach(function (chart) {
      var box = document.createElement("div");
      box.className = "assess-scroll assess-chart";
      chart.parentNode.insertBefore(box, chart);
      box.appendChild(chart);
    });
  }

  function boxTables() {
    document.querySelectorAll("article table").forEach(function (table) {
      for (var node = table.parentElement; node && node.tagName !== "ARTICLE"; node = node.parentElement) {
        if (scrollsSideways(node)) return;
      }
      var box = document.createElement("div");
      box.className = "assess-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }

  function boxName(box) {
    var caption = box.querySelector("table caption");
    if (caption) return text(caption);
    var chart = box.querySelector("img[alt]");
    if (chart) return chart.getAttribute("alt");
    var section = box.closest("section");
    var heading = section && section.querySelector("h1, h2, h3, h4, h5, h6");
    return heading ? "Scrolling box under ‘" + text(heading) + "’" : "Scrolling box";
  }

  function nameBoxes() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", boxName(box));
        box.tabIndex = 0;
      } else {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.tabIndex = -1;
      }
    });
  }

  function ready() {
    nameHeadingLinks();
    boxTables();
    boxCharts();
    nameBoxes();
  }

  /* The theme sets its boxes' focus on load, on resizing and when the page changes, 300 ms
     later each time; the names follow it, and <html data-assess-settled> counts the times they
     did (the browser tests wait for it). */
  var waiting = null;
  var settled = 0;
  function later() {
    clearTimeout(waiting);
    waiting = setTimeout(function () {
      nameBoxes();
      document.documentElement.dataset.assessSettled = String(++settled);
    }, 350);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  window.addEventListener("load", later);
  window.addEventListener("resize", later);
})();
