/* A site page's "Zones" section (zones app): the list of the site's zones, read from /sites/<slug>/zones.geojson
 * (the same file the section links to), and the zones drawn on the site's map when there is one.
 * Without this script the section still links to that file and to the map of zones.
 * No inline script or style anywhere: CSP is script-src 'self', style-src 'self'. */
(function () {
  "use strict";

  var COLOURS = {
    wh_property: "#8a1c1c",
    wh_buffer: "#d9822b",
    br_core: "#1b5e20",
    br_buffer: "#43a047",
    br_transition: "#9ccc65",
  };

  function readJSON(id) {
    var element = id && document.getElementById(id);
    if (!element) {
      return {};
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return {};
    }
  }

  // Built with DOM nodes and textContent, never HTML strings: names come from the database.
  function item(properties, text, language) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.designation + ": " + properties.zone;
    li.appendChild(link);
    var area = Math.round(properties.area_ha).toLocaleString(language);
    li.appendChild(document.createTextNode(" (" + area + " " + text.ha + ", " + properties.accuracy.toLowerCase() + ")"));
    if (properties.note) {
      var note = document.createElement("span");
      note.className = "schematic-note";
      note.textContent = " " + properties.note;
      li.appendChild(note);
    }
    return li;
  }

  function draw(collection) {
    var container = document.querySelector("[data-sites-map][data-map-ready]");
    if (!container || !container.leafletMap || typeof window.L === "undefined" || !collection.features.length) {
      return;
    }
    var map = container.leafletMap;
    var layer = window.L.geoJSON(collection, {
      style: function (feature) {
        var colour = COLOURS[feature.properties.layer] || "#555";
        return { color: colour, weight: 2, fillColor: colour, fillOpacity: 0.12 };
      },
    }).addTo(map);
    layer.bringToBack();
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24] });
    }
  }

  function show(section, collection) {
    var text = readJSON(section.getAttribute("data-labels-id"));
    var language = document.documentElement.lang || undefined;
    var list = section.querySelector("[data-zones-list]");
    collection.features.forEach(function (feature) {
      list.appendChild(item(feature.properties, text, language));
    });
    section.querySelector("[data-zones-waiting]").hidden = true;
    list.hidden = !collection.features.length;
    section.querySelector("[data-zones-empty]").hidden = collection.features.length > 0;
    section.setAttribute("data-zones-ready", "true");
    draw(collection);
  }

  function start() {
    var section = document.querySelector("[data-site-zones]");
    if (!section || typeof window.fetch === "undefined") {
      return;
    }
    window
      .fetch(section.getAttribute("data-zones-url"), { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (collection) {
        show(section, collection);
      })
      .catch(function () {
        // The links below the section still lead to the zones.
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
