/* The one map component of Weerbaar: Leaflet (served from the installed package, no CDN)
 * drawing our own GeoJSON layers. A background map is optional (a setting), so with no
 * internet the map still shows every layer of our own. */
(function () {
  "use strict";

  var PALETTE = ["#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704"];

  function quantileBreaks(values, classes) {
    var sorted = values.filter(function (v) { return v !== null && !isNaN(v); })
      .sort(function (a, b) { return a - b; });
    var breaks = [];
    for (var i = 1; i < classes; i++) {
      breaks.push(sorted[Math.floor((i * sorted.length) / classes)] || 0);
    }
    return breaks;
  }

  function classOf(value, breaks) {
    var k = 0;
    while (k < breaks.length && value >= breaks[k]) { k++; }
    return k;
  }

  function format(value, percent) {
    if (value === null || value === undefined) { return "—"; }
    var lang = document.documentElement.lang || "nl";
    if (percent) { return (value * 100).toLocaleString(lang, { maximumFractionDigits: 1 }) + "%"; }
    return Number(value).toLocaleString(lang, { maximumFractionDigits: 0 });
  }

  function legendControl() {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      this.div = L.DomUtil.create("div", "map-legend");
      return this.div;
    };
    control.show = function (title, breaks, percent) {
      var rows = ["<strong>" + title + "</strong>"];
      for (var i = 0; i <= breaks.length; i++) {
        var low = i === 0 ? null : breaks[i - 1];
        var high = i === breaks.length ? null : breaks[i];
        var label = low === null ? "< " + format(high, percent)
          : high === null ? "≥ " + format(low, percent)
          : format(low, percent) + " – " + format(high, percent);
        rows.push('<i style="background:' + PALETTE[i] + '"></i>' + label);
      }
      this.div.innerHTML = rows.join("<br>");
    };
    return control;
  }

  function populationMarker(spec) {
    return function (f, latlng) {
      var r = Math.max(1.5, Math.sqrt(f.properties[spec.property] || 0) / 4);
      return L.circleMarker(latlng, { radius: r, weight: 0, fillColor: spec.colour || "#154273", fillOpacity: 0.6 });
    };
  }

  function pointMarker(spec) {
    return function (f, latlng) {
      var colours = spec.colours || {};
      var colour = colours[f.properties[spec.colourBy]] || colours["default"] || "#154273";
      return L.circleMarker(latlng, {
        radius: spec.small ? 3 : 7, color: "#fff", weight: spec.small ? 0 : 2,
        fillColor: colour, fillOpacity: spec.small ? 0.7 : 0.95,
      });
    };
  }

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text === undefined || text === null ? "" : String(text);
    return div.innerHTML;
  }

  function pointPopup(spec) {
    return function (f, layer) {
      var name = escapeHtml(f.properties.name);
      layer.bindTooltip(name);
      if (spec.detailUrl && f.id) {
        var href = spec.detailUrl.replace("{id}", encodeURIComponent(f.id));
        layer.bindPopup('<a href="' + href + '">' + name + "</a>");
      }
    };
  }

  function create(element, config) {
    var map = L.map(element, { preferCanvas: true, keyboard: true }).setView([52.85, 6.6], 9);
    if (config.background && config.background.url) {
      L.tileLayer(config.background.url, {
        attribution: config.background.attribution, maxZoom: 19,
      }).addTo(map);
    }
    map.attributionControl.addAttribution("CBS/PDOK, CC BY 4.0");
    var legend = legendControl().addTo(map);
    var status = document.getElementById("map-status");
    var cache = {};
    var active = null;
    var overlays = {};
    // Layers load asynchronously; only the latest choice may draw, so a slow earlier
    // request cannot replace the layer the person chose last.
    var areaRequest = 0;
    var overlayWanted = {};

    function fetchLayer(spec) {
      if (!cache[spec.url]) {
        cache[spec.url] = fetch(spec.url, { headers: { Accept: "application/geo+json" } })
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
      }
      return cache[spec.url];
    }

    function say(text) { if (status) { status.textContent = text; } }

    function showArea(key) {
      var spec = config.layers[key];
      var request = ++areaRequest;
      say(config.text.loading);
      return fetchLayer(spec).then(function (data) {
        if (request !== areaRequest) { return; }
        var values = data.features.map(function (f) { return f.properties[spec.property]; });
        var breaks = quantileBreaks(values, PALETTE.length);
        if (active) { map.removeLayer(active); }
        active = L.geoJSON(data, {
          style: function (f) {
            var v = f.properties[spec.property];
            return { color: "#333", weight: 1, fillOpacity: 0.7,
              fillColor: v === null ? "#ccc" : PALETTE[classOf(v, breaks)] };
          },
          onEachFeature: function (f, layer) {
            layer.bindTooltip(escapeHtml(f.properties.name) + ": " + format(f.properties[spec.property], spec.percent)
              + " (" + format(f.properties.population) + " " + config.text.residents + ")");
          },
        }).addTo(map);
        active.bringToBack();
        if (!map._weerbaarFitted) { map.fitBounds(active.getBounds()); map._weerbaarFitted = true; }
        legend.show(spec.legend, breaks, spec.percent);
        element.dataset.layer = key;
        element.dataset.features = String(data.features.length);
        say(config.text.loaded.replace("%(name)s", spec.legend));
      }).catch(function () { say(config.text.failed); });
    }

    function toggleOverlay(key, on) {
      var spec = config.overlays[key];
      overlayWanted[key] = on;
      if (!on) {
        if (overlays[key]) { map.removeLayer(overlays[key]); delete overlays[key]; }
        delete element.dataset.overlay;
        say(config.text.hidden.replace("%(name)s", spec.legend));
        return Promise.resolve();
      }
      say(config.text.loading);
      return fetchLayer(spec).then(function (data) {
        if (!overlayWanted[key] || overlays[key]) { return; }
        overlays[key] = L.geoJSON(data, {
          pointToLayer: spec.style === "points" ? pointMarker(spec) : populationMarker(spec),
          onEachFeature: spec.style === "points" ? pointPopup(spec) : undefined,
        }).addTo(map);
        element.dataset.overlay = key;
        element.dataset["overlay_" + key.replace(/-/g, "_")] = String(data.features.length);
        say(config.text.loaded.replace("%(name)s", spec.legend));
      }).catch(function () { say(config.text.failed); });
    }

    return { map: map, showArea: showArea, toggleOverlay: toggleOverlay };
  }

  function init() {
    var element = document.getElementById("map");
    var configElement = document.getElementById("map-config");
    if (!element || !configElement || typeof L === "undefined") { return; }
    var config = JSON.parse(configElement.textContent);
    var component = create(element, config);
    var controls = document.getElementById("map-controls");
    controls.addEventListener("change", function (event) {
      if (event.target.name === "layer") { component.showArea(event.target.value); }
      if (event.target.name === "overlay") { component.toggleOverlay(event.target.value, event.target.checked); }
    });
    var checked = controls.querySelector("input[name=layer]:checked");
    component.showArea(checked ? checked.value : config.area);
    controls.querySelectorAll("input[name=overlay]:checked").forEach(function (box) {
      component.toggleOverlay(box.value, true);
    });
    window.weerbaarMap = component;
  }

  window.WeerbaarMap = { create: create };
  document.addEventListener("DOMContentLoaded", init);
})();
