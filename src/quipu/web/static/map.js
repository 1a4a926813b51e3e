// The map page: country outlines from world-atlas (TopoJSON, served by this server) and one
// circle per located event, sized by fatalities, colored by type, clustered when dense.
// No tiles and no request beyond this server. Clicking a marker opens its event.
(function () {
  "use strict";
  var holder = document.getElementById("map");
  if (!holder || !window.L || !window.topojson) { return; }
  var colors = {};
  document.querySelectorAll("[data-type-color]").forEach(function (el) {
    colors[el.getAttribute("data-type-color")] = el.getAttribute("data-color");
  });
  var map = L.map(holder, { zoomControl: true, attributionControl: false, minZoom: 2, maxZoom: 12 });
  map.setView([-10, -75], 5);

  function json(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  // A ring that crosses the antimeridian (Fiji, Chukotka) would be drawn across the world.
  function wraps(ring) {
    for (var i = 1; i < ring.length; i += 1) {
      if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { return true; }
    }
    return false;
  }
  function unwrapped(geometry) {
    if (!geometry) { return geometry; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var kept = polygons.filter(function (polygon) { return !polygon.some(wraps); });
    return { type: "MultiPolygon", coordinates: kept };
  }

  var renderer = L.svg({ padding: 2 });
  function outlines(world) {
    var countries = topojson.feature(world, world.objects.countries);
    countries.features.forEach(function (feature) { feature.geometry = unwrapped(feature.geometry); });
    L.geoJSON(countries, {
      style: { color: "#7f8c8d", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      interactive: false,
      renderer: renderer
    }).addTo(map).bringToBack();
  }

  function markers(collection) {
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    var bounds = [];
    collection.features.forEach(function (feature) {
      var p = feature.properties;
      var lonlat = feature.geometry.coordinates;
      var dead = p.fatalities || 0;
      var size = 10 + Math.min(30, Math.sqrt(dead) * 5);
      var icon = L.divIcon({ className: "quipu-marker", iconSize: [size, size], html: "" });
      var marker = L.marker([lonlat[1], lonlat[0]], { icon: icon, title: p.type + " · " + (p.place || "") + " · " + (p.date || "undated"), keyboard: true });
      marker.on("add", function () {
        var el = marker.getElement();
        if (el) { el.style.background = colors[p.type] || "#999999"; el.setAttribute("data-event", p.id); }
      });
      marker.on("click", function () { window.location.assign("/events/" + encodeURIComponent(p.id)); });
      cluster.addLayer(marker);
      bounds.push([lonlat[1], lonlat[0]]);
    });
    map.addLayer(cluster);
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 }); }
    holder.setAttribute("data-ready", String(collection.features.length));
  }

  // the outlines and the events load side by side: markers are drawn even if outlines fail
  json(holder.getAttribute("data-outlines")).then(outlines).catch(function (error) {
    holder.setAttribute("data-outline-error", String(error));
  });
  json(holder.getAttribute("data-features")).then(markers).catch(function (error) {
    holder.setAttribute("data-error", String(error));
    holder.textContent = "The map could not be drawn: " + error;
  });
}());
