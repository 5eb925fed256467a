// The page's script: draws GRAPH (set by the page) with Cytoscape.js and
// shows details in the side panel. Text from articles is only ever set with
// textContent, never parsed as markup.
(function () {
  "use strict";

  var NODE_COLOURS = {
    State: "#d1495b", Agency: "#f2c14e", Organisation: "#00798c",
    Person: "#30638e", Election: "#9c27b0", Operation: "#5b8e3e", Narrative: "#8d6e63"
  };
  var NODE_SHAPES = {
    State: "ellipse", Agency: "round-rectangle", Organisation: "round-hexagon",
    Person: "ellipse", Election: "round-diamond", Operation: "round-triangle", Narrative: "round-tag"
  };
  var EDGE_COLOURS = { AUTHORISED: "#b00020", TARGETED: "#e86a00", AMPLIFIED: "#5e35b1" };
  var OTHER_NODE = "#8d99ae", OTHER_EDGE = "#78849e";

  function nodeColour(t) { return NODE_COLOURS[t] || OTHER_NODE; }
  function edgeColour(t) { return EDGE_COLOURS[t] || OTHER_EDGE; }

  // el builds an element; string children become text nodes.
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "class") e.className = attrs[k];
        else if (k === "style") e.style.cssText = attrs[k];
        else e.setAttribute(k, attrs[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  // safeHref lets only web links through, never javascript: and the like.
  function safeHref(u) { return /^https?:\/\//i.test(u || "") ? u : null; }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  var byId = {};
  GRAPH.nodes.forEach(function (n) { byId[n.id] = n; });

  function edgeLabel(e) {
    return (e.negated ? "NOT " : "") + e.type + (e.hedged ? " ?" : "");
  }

  // A seeded generator places the nodes before the force layout runs, so
  // the same graph is drawn the same way every time it is opened.
  var seed = 20201103;
  function random() {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  }
  var spread = 60 * Math.sqrt(GRAPH.nodes.length + 1);

  var elements = [];
  var linked = {};
  GRAPH.edges.forEach(function (e) { linked[e.source] = true; linked[e.target] = true; });
  GRAPH.nodes.forEach(function (n) {
    elements.push({ group: "nodes", classes: linked[n.id] ? "" : "isolated",
      position: { x: random() * spread, y: random() * spread }, data: {
      id: n.id, caption: n.caption, type: n.type || "Unknown",
      colour: nodeColour(n.type), shape: NODE_SHAPES[n.type] || "ellipse",
      size: 22 + 7 * Math.sqrt(Math.max(n.articles, 1))
    }});
  });
  GRAPH.edges.forEach(function (e) {
    elements.push({ group: "edges", data: {
      id: e.id, source: e.source, target: e.target, type: e.type,
      label: edgeLabel(e), colour: edgeColour(e.type),
      width: 1.5 + 1.2 * Math.sqrt(e.articles)
    }, classes: (e.negated ? "negated " : "") + (e.hedged ? "hedged" : "")});
  });

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "shape": "data(shape)",
        "width": "data(size)", "height": "data(size)",
        "label": "data(caption)", "font-size": 11, "color": "#1d2330",
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap", "text-max-width": 130,
        "text-background-color": "#ffffff", "text-background-opacity": 0.75, "text-background-padding": 1,
        "border-width": 1.5, "border-color": "#ffffff", "min-zoomed-font-size": 4
      }},
      { selector: "edge", style: {
        "curve-style": "bezier", "width": "data(width)",
        "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle",
        "arrow-scale": 0.9, "opacity": 0.8,
        "label": "data(label)", "font-size": 8.5, "color": "#3a4150", "text-rotation": "autorotate",
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1,
        "min-zoomed-font-size": 5
      }},
      { selector: "edge.negated", style: { "line-style": "dashed", "line-dash-pattern": [6, 4] }},
      { selector: "edge.hedged", style: { "opacity": 0.55 }},
      { selector: ".faded", style: { "opacity": 0.12, "text-opacity": 0.2 }},
      { selector: "node.match", style: { "border-color": "#111", "border-width": 3 }},
      { selector: ":selected", style: { "border-color": "#111", "border-width": 3, "opacity": 1 }},
      { selector: "edge:selected", style: { "width": 5, "opacity": 1 }},
      { selector: ".hidden", style: { "display": "none" }}
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 20000; },
      idealEdgeLength: function () { return 110; }, edgeElasticity: function () { return 80; },
      gravity: 0.6, numIter: 2500, nodeDimensionsIncludeLabels: true, padding: 30 }
  });

  // Legend: one toggle per node type and relation type present.
  var legend = document.getElementById("legend");
  // Entities no relation touches are hidden at first: they crowd the picture.
  var hiddenTypes = { isolated: true };
  function applyFilters() {
    cy.batch(function () {
      cy.elements().removeClass("hidden");
      cy.nodes().forEach(function (n) {
        if (hiddenTypes["n:" + n.data("type")] || (hiddenTypes.isolated && n.hasClass("isolated"))) n.addClass("hidden");
      });
      cy.edges().forEach(function (e) {
        if (hiddenTypes["e:" + e.data("type")] || (hiddenTypes.negated && e.hasClass("negated"))) e.addClass("hidden");
      });
    });
  }
  function toggle(key, button) {
    hiddenTypes[key] = !hiddenTypes[key];
    button.classList.toggle("off", hiddenTypes[key]);
    button.setAttribute("aria-pressed", String(!hiddenTypes[key]));
    applyFilters();
  }
  function counts(list, key) {
    var c = {};
    list.forEach(function (x) { var k = x[key] || "Unknown"; c[k] = (c[k] || 0) + 1; });
    return c;
  }
  var nodeTypes = counts(GRAPH.nodes, "type");
  Object.keys(nodeTypes).sort().forEach(function (t) {
    var b = el("button", { type: "button", title: "Show or hide " + t + " nodes", "aria-pressed": "true" },
      el("span", { class: "dot", style: "background:" + nodeColour(t) }), t + " " + nodeTypes[t]);
    b.addEventListener("click", function () { toggle("n:" + t, b); });
    legend.appendChild(b);
  });
  var edgeTypes = counts(GRAPH.edges, "type");
  Object.keys(edgeTypes).sort().forEach(function (t) {
    var b = el("button", { type: "button", title: "Show or hide " + t + " relations", "aria-pressed": "true" },
      el("span", { class: "line", style: "border-top-color:" + edgeColour(t) }), t + " " + edgeTypes[t]);
    b.addEventListener("click", function () { toggle("e:" + t, b); });
    legend.appendChild(b);
  });
  var negatedCount = GRAPH.edges.filter(function (e) { return e.negated; }).length;
  if (negatedCount > 0) {
    var nb = el("button", { type: "button", title: "Show or hide relations reported as not having happened", "aria-pressed": "true" },
      el("span", { class: "line dashed", style: "border-top-color:#555" }), "not happened " + negatedCount);
    nb.addEventListener("click", function () { toggle("negated", nb); });
    legend.appendChild(nb);
  }

  var isolatedCount = cy.nodes(".isolated").length;
  if (isolatedCount > 0) {
    var ib = el("button", { type: "button", class: "off", title: "Show or hide entities that no relation touches", "aria-pressed": "false" },
      el("span", { class: "dot", style: "background:#fff;border:1px solid #8d99ae" }), "unconnected " + isolatedCount);
    ib.addEventListener("click", function () { toggle("isolated", ib); cy.fit(cy.elements().not(".hidden"), 30); });
    legend.appendChild(ib);
  }
  applyFilters();
  // The legend may have made the header taller than when the graph was laid out.
  cy.resize();
  cy.fit(cy.elements().not(".hidden"), 30);
  window.addEventListener("resize", function () { cy.resize(); });

  // Side panel.
  var panel = document.getElementById("panel");
  var hint = panel.firstElementChild;
  function clearPanel() { while (panel.firstChild) panel.removeChild(panel.firstChild); }

  // showOverview lists the relations most articles report, as a way in.
  function showOverview() {
    clearPanel();
    panel.appendChild(hint);
    var top = GRAPH.edges.slice().sort(function (a, b) {
      return b.articles - a.articles || b.outlets - a.outlets || (a.id < b.id ? -1 : 1);
    }).slice(0, 12);
    if (!top.length) return;
    panel.appendChild(el("h3", null, "Most reported relations"));
    var ul = el("ul");
    top.forEach(function (e) {
      var s = byId[e.source] || { caption: e.source };
      var li = relLink(e, e.target, true);
      li.insertBefore(document.createTextNode(s.caption + " "), li.firstChild);
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  function relLink(e, otherId, outgoing) {
    var other = byId[otherId] || { caption: otherId };
    var a = el("a", { class: "rel", role: "button", tabindex: "0" },
      outgoing ? edgeLabel(e) + " → " + other.caption : other.caption + " → " + edgeLabel(e));
    a.addEventListener("click", function () { select(cy.getElementById(e.id)); });
    return el("li", null, a, " ", el("span", { class: "meta" }, "(" + plural(e.articles, "article", "articles") + ")"));
  }

  function showNode(n) {
    clearPanel();
    panel.appendChild(el("h2", null, n.name));
    panel.appendChild(el("p", null, el("span", { class: "badge type", style: "background:" + nodeColour(n.type) }, n.type || "Unknown"),
      el("span", { class: "meta" }, n.id)));
    if (n.aliases && n.aliases.length) panel.appendChild(el("p", { class: "meta" }, "Also: " + n.aliases.join(", ")));
    var facts = [];
    if (n.country) facts.push("country " + n.country);
    if (n.subtype) facts.push(n.subtype);
    if (n.wikidata) facts.push("Wikidata " + n.wikidata);
    facts.push("in " + plural(n.articles, "article", "articles"));
    panel.appendChild(el("p", { class: "meta" }, facts.join(" · ")));
    var out = GRAPH.edges.filter(function (e) { return e.source === n.id; });
    var inc = GRAPH.edges.filter(function (e) { return e.target === n.id; });
    if (out.length) {
      panel.appendChild(el("h3", null, "Did (" + out.length + ")"));
      var ul = el("ul");
      out.forEach(function (e) { ul.appendChild(relLink(e, e.target, true)); });
      panel.appendChild(ul);
    }
    if (inc.length) {
      panel.appendChild(el("h3", null, "Done to it (" + inc.length + ")"));
      var ul2 = el("ul");
      inc.forEach(function (e) { ul2.appendChild(relLink(e, e.source, false)); });
      panel.appendChild(ul2);
    }
  }

  function edgeById(id) {
    for (var i = 0; i < GRAPH.edges.length; i++) if (GRAPH.edges[i].id === id) return GRAPH.edges[i];
    return null;
  }

  function showEdge(e) {
    clearPanel();
    var s = byId[e.source] || { caption: e.source }, t = byId[e.target] || { caption: e.target };
    panel.appendChild(el("h2", null, s.caption + " → " + t.caption));
    panel.appendChild(el("p", null,
      el("span", { class: "badge type", style: "background:" + edgeColour(e.type) }, e.type),
      e.negated ? el("span", { class: "badge neg" }, "reported as not having happened") : null,
      e.hedged ? el("span", { class: "badge hedge" }, "only reported with hedging") : null));
    panel.appendChild(el("p", { class: "meta" },
      plural(e.articles, "article", "articles") + " · " + plural(e.outlets, "outlet", "outlets")));
    panel.appendChild(el("h3", null, "Evidence"));
    e.claims.forEach(function (c) {
      panel.appendChild(el("blockquote", null, c.evidence || "(no sentence)"));
      var href = safeHref(c.url);
      var title = c.title || c.article;
      var bits = [];
      if (c.outlet) bits.push(c.outlet);
      if (c.published) bits.push(c.published);
      panel.appendChild(el("p", { class: "meta" },
        href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, title) : title,
        bits.length ? " · " + bits.join(" · ") : ""));
      var q = [];
      if (c.hedges && c.hedges.length) q.push("hedged: " + c.hedges.join(", "));
      if (c.attribution) q.push("according to " + c.attribution);
      if (c.confidence) q.push("confidence " + c.confidence.toFixed(2));
      if (q.length) panel.appendChild(el("p", { class: "meta" }, q.join(" · ")));
    });
    if (e.more) panel.appendChild(el("p", { class: "meta" }, "… and " + plural(e.more, "more sentence", "more sentences") + " not shown."));
  }

  function select(ele) {
    cy.elements().unselect();
    ele.select();
    var hood = ele.isNode() ? ele.closedNeighborhood() : ele.union(ele.connectedNodes());
    cy.batch(function () {
      cy.elements().addClass("faded");
      hood.removeClass("faded");
    });
    if (ele.isNode()) showNode(byId[ele.id()]); else showEdge(edgeById(ele.id()));
  }

  cy.on("tap", "node, edge", function (evt) { select(evt.target); });
  cy.on("tap", function (evt) {
    if (evt.target === cy) { cy.elements().removeClass("faded").unselect(); showOverview(); }
  });
  showOverview();

  // Tooltip on hover: what it is and the first evidence sentence.
  var tip = document.getElementById("tip");
  function showTip(evt, lines, quote) {
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    lines.forEach(function (l) { tip.appendChild(el("div", null, l)); });
    if (quote) tip.appendChild(el("div", { class: "q" }, "“" + quote + "”"));
    var box = cy.container().getBoundingClientRect();
    var p = evt.renderedPosition || { x: 0, y: 0 };
    tip.style.left = Math.min(box.left + p.x + 14, window.innerWidth - 440) + "px";
    tip.style.top = (box.top + p.y + 14) + "px";
    tip.hidden = false;
  }
  cy.on("mouseover", "node", function (evt) {
    var n = byId[evt.target.id()];
    showTip(evt, [n.name + " (" + (n.type || "Unknown") + ")", "in " + plural(n.articles, "article", "articles")]);
  });
  cy.on("mouseover", "edge", function (evt) {
    var e = edgeById(evt.target.id());
    var s = byId[e.source] || { caption: e.source }, t = byId[e.target] || { caption: e.target };
    var c = e.claims[0] || {};
    showTip(evt, [s.caption + " —" + edgeLabel(e) + "→ " + t.caption,
      plural(e.articles, "article", "articles") + (e.hedged ? " · only hedged" : "") + (e.negated ? " · reported as not having happened" : "")],
      c.evidence);
  });
  cy.on("mouseout", "node, edge", function () { tip.hidden = true; });
  cy.on("pan zoom", function () { tip.hidden = true; });

  // Search by name, caption or alias.
  var search = document.getElementById("search");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return cy.collection();
    return cy.nodes().filter(function (node) {
      var n = byId[node.id()];
      var hay = [n.name, n.caption, n.id].concat(n.aliases || []).join("\n").toLowerCase();
      return hay.indexOf(q) >= 0;
    });
  }
  search.addEventListener("input", function () {
    var m = matches(search.value);
    cy.batch(function () {
      cy.nodes().removeClass("match");
      m.addClass("match");
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var m = matches(search.value);
    if (m.length === 1) select(m);
    if (m.length) cy.animate({ fit: { eles: m.closedNeighborhood(), padding: 60 } }, { duration: 300 });
  });
})();
