/* Site maps (sites app): every element with data-sites-map becomes a Leaflet map of the GeoJSON in the
 * <script type="application/json"> named by data-geojson-id. Without this script, Leaflet or the tiles,
 * the page still lists the sites in a table: the map only adds to it.
 * No inline script or style anywhere: CSP is script-src 'self', style-src 'self'. */
(function () {
  "use strict";

  // The middle of Kazakhstan, for a collection without a single located site.
  var KAZAKHSTAN = [48.0, 67.5];

  function readCollection(id) {
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

  // Built with DOM nodes and textContent, never HTML strings: names come from the database.
  function popup(properties) {
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    wrapper.appendChild(link);
    var designations = properties.designations || [];
    if (designations.length) {
      var list = document.createElement("ul");
      designations.forEach(function (designation) {
        var item = document.createElement("li");
        item.textContent = designation.name + (designation.year ? " (" + designation.year + ")" : "");
        list.appendChild(item);
      });
      wrapper.appendChild(list);
    }
    return wrapper;
  }

  function showNotice(container) {
    var notice = document.getElementById(container.getAttribute("data-notice-id"));
    if (notice) {
      notice.hidden = false;
    }
  }

  function init(container) {
    var collection = readCollection(container.getAttribute("data-geojson-id"));
    if (typeof window.L === "undefined" || !collection) {
      return;
    }
    container.hidden = false;
    var L = window.L;
    var map = L.map(container, { scrollWheelZoom: false });
    var tiles = L.tileLayer(container.getAttribute("data-tile-url"), {
      attribution: container.getAttribute("data-attribution"),
      maxZoom: 18,
    });
    var warned = false;
    tiles.on("tileerror", function () {
      if (!warned) {
        warned = true;
        showNotice(container);
      }
    });
    tiles.addTo(map);

    var layer = L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        var name = feature.properties.name;
        return L.marker(latlng, { title: name, alt: name, keyboard: true });
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(popup(feature.properties));
      },
    }).addTo(map);

    var bounds = layer.getBounds();
    var maxZoom = parseInt(container.getAttribute("data-max-zoom"), 10) || 9;
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: maxZoom });
    } else {
      map.setView(KAZAKHSTAN, 4);
    }
    // site-zones.js draws the site's zones on this map once it has them.
    container.leafletMap = map;
    container.setAttribute("data-map-ready", "true");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sites-map]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
