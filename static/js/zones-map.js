/* Zone maps (zones and works apps). Every element with data-zones-map becomes a Leaflet map of:
 *  - the GeoJSON in the <script type="application/json"> named by data-geojson-id, and/or
 *  - the GeoJSON fetched from data-geojson-url (zones, corridors and planned works), and
 *  - the site points fetched from data-sites-url, clustered.
 * Features are grouped into one layer per properties.layer (a zone kind, "corridor", "work"), each toggled in the
 * layer control; the legend is the page's own list. With data-draw-input, Leaflet.draw lets the user draw lines
 * or polygons whose GeoJSON goes into that form field.
 * No inline script or style anywhere: CSP is script-src 'self', style-src 'self'. */
(function () {
  "use strict";

  var KAZAKHSTAN = [48.0, 67.5];
  var COLOURS = {
    wh_property: "#8a1c1c",
    wh_buffer: "#d9822b",
    br_core: "#1b5e20",
    br_buffer: "#43a047",
    br_transition: "#9ccc65",
    corridor: "#6a1b9a",
    work: "#0d47a1",
  };

  function readJSON(id) {
    var element = id && document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  // A layer that cannot load (offline, or a redirect to a sign-in or two-factor page answering HTML) is left
  // out quietly: the page and its table work without it, and no error reaches the console.
  function fetchJSON(url, options) {
    return window.fetch(url, options).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return response.ok && type.indexOf("json") !== -1 ? response.json() : null;
    }).catch(function () {
      return null;
    });
  }

  function labels(container) {
    return readJSON(container.getAttribute("data-labels-id")) || {};
  }

  // Built with DOM nodes and textContent, never HTML strings: names come from the database.
  function popup(properties, text) {
    var wrapper = document.createElement("div");
    var title = document.createElement(properties.url ? "a" : "strong");
    if (properties.url) {
      title.href = properties.url;
    }
    title.textContent = properties.name || "";
    wrapper.appendChild(title);
    var rows = [
      [text.designation, properties.designation],
      [text.zone, properties.zone],
      [text.species, properties.species],
      [text.area, properties.area_ha != null ? properties.area_ha.toLocaleString() + " " + text.ha : ""],
      [text.length, properties.length_km != null ? properties.length_km.toLocaleString() + " " + text.km : ""],
      [text.source, properties.source],
      [text.accuracy, properties.accuracy],
    ];
    var list = document.createElement("dl");
    rows.forEach(function (row) {
      if (!row[1]) {
        return;
      }
      var term = document.createElement("dt");
      term.textContent = row[0];
      var value = document.createElement("dd");
      value.textContent = row[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    wrapper.appendChild(list);
    if (properties.note) {
      var note = document.createElement("p");
      note.className = "schematic-note";
      note.textContent = properties.note;
      wrapper.appendChild(note);
    }
    return wrapper;
  }

  function style(feature) {
    var layer = feature.properties.layer;
    var colour = COLOURS[layer] || "#333";
    var schematic = feature.properties.note ? "6 4" : null;
    return { color: colour, weight: layer === "work" || layer === "corridor" ? 4 : 2, fillOpacity: 0.15, dashArray: schematic };
  }

  function init(container) {
    var L = window.L;
    if (typeof L === "undefined") {
      return;
    }
    container.hidden = false;
    var text = labels(container);
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(container.getAttribute("data-tile-url"), {
      attribution: container.getAttribute("data-attribution"),
      maxZoom: 18,
    }).addTo(map);
    var control = L.control.layers(null, null, { collapsed: false }).addTo(map);
    var groups = {};
    var everything = L.featureGroup();

    function groupFor(name) {
      if (!groups[name]) {
        groups[name] = L.featureGroup().addTo(map);
        control.addOverlay(groups[name], text["layer_" + name] || name);
      }
      return groups[name];
    }

    function addCollection(collection) {
      L.geoJSON(collection, {
        style: style,
        onEachFeature: function (feature, layer) {
          layer.bindPopup(popup(feature.properties, text));
          groupFor(feature.properties.layer || "other").addLayer(layer);
          everything.addLayer(layer);
        },
      });
      fit();
    }

    function fit() {
      var bounds = everything.getBounds();
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [24, 24], maxZoom: 11 });
      } else {
        map.setView(KAZAKHSTAN, 5);
      }
    }

    var inline = readJSON(container.getAttribute("data-geojson-id"));
    if (inline) {
      addCollection(inline);
    } else {
      map.setView(KAZAKHSTAN, 5);
    }
    var url = container.getAttribute("data-geojson-url");
    if (url && window.fetch) {
      fetchJSON(url, { credentials: "same-origin" }).then(function (collection) {
        if (collection) {
          addCollection(collection);
        }
      });
    }
    var sitesUrl = container.getAttribute("data-sites-url");
    if (sitesUrl && window.fetch) {
      fetchJSON(sitesUrl).then(function (collection) {
        if (!collection) {
          return;
        }
        var cluster = L.markerClusterGroup ? L.markerClusterGroup() : L.featureGroup();
        L.geoJSON(collection, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name, keyboard: true });
          },
          onEachFeature: function (feature, marker) {
            var link = document.createElement("a");
            link.href = feature.properties.url;
            link.textContent = feature.properties.name;
            marker.bindPopup(link);
          },
        }).eachLayer(function (marker) {
          cluster.addLayer(marker);
        });
        cluster.addTo(map);
        control.addOverlay(cluster, text.layer_sites || "sites");
      });
    }
    var inputId = container.getAttribute("data-draw-input");
    if (inputId && L.Control && L.Control.Draw) {
      enableDrawing(map, document.getElementById(inputId));
    }
    container.setAttribute("data-map-ready", "true");
  }

  function enableDrawing(map, input) {
    var L = window.L;
    var drawn = L.featureGroup().addTo(map);
    map.addControl(
      new L.Control.Draw({
        draw: { marker: false, circle: false, circlemarker: false, rectangle: false, polyline: true, polygon: true },
        edit: { featureGroup: drawn },
      })
    );
    function store() {
      var features = drawn.toGeoJSON().features;
      input.value = features.length ? JSON.stringify({ type: "FeatureCollection", features: features }) : "";
    }
    map.on(L.Draw.Event.CREATED, function (event) {
      drawn.addLayer(event.layer);
      store();
    });
    map.on(L.Draw.Event.EDITED, store);
    map.on(L.Draw.Event.DELETED, store);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-zones-map]"), init);
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
