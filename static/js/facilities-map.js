// The facility map: progressive enhancement of the catalogue. Without JavaScript (or without the tiles) the list
// below it says everything. Facility data comes from a JSON block in the page, never from inline script.
(function () {
  "use strict";
  var container = document.getElementById("facility-map");
  var data = document.getElementById("facility-map-data");
  if (!container || !data || typeof L === "undefined") {
    return;
  }
  var facilities = JSON.parse(data.textContent);
  if (!facilities.length) {
    return;
  }
  container.hidden = false;
  var map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
  }).addTo(map);
  var bounds = [];
  facilities.forEach(function (facility) {
    var link = document.createElement("a");
    link.href = facility.url;
    link.textContent = facility.name;
    L.marker([facility.lat, facility.lng], { title: facility.name, alt: facility.name })
      .addTo(map)
      .bindPopup(link);
    bounds.push([facility.lat, facility.lng]);
  });
  map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
})();
