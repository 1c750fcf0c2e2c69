// The facility map: progressive enhancement of the catalogue. Without JavaScript (or without the tiles) the list
// below it says everything. The map's pictures come from a tile server, so nothing is fetched from it until the
// person presses "Show map". Facility data and the tile server come from JSON blocks in the page, never from
// inline script.
(function () {
  "use strict";
  var container = document.getElementById("facility-map");
  var opener = document.getElementById("facility-map-opener");
  var button = document.getElementById("facility-map-show");
  var data = document.getElementById("facility-map-data");
  var tiles = document.getElementById("facility-map-tiles");
  if (!container || !opener || !button || !data || !tiles || typeof L === "undefined") {
    return;
  }
  var facilities = JSON.parse(data.textContent);
  if (!facilities.length) {
    return;
  }
  var tileServer = JSON.parse(tiles.textContent);

  function showMap() {
    opener.hidden = true;
    container.hidden = false;
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(tileServer.url, { maxZoom: 18, attribution: tileServer.attribution }).addTo(map);
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
    // The button is gone; the map takes the focus so a keyboard user is not left at the top of the page.
    container.focus();
  }

  opener.hidden = false;
  button.addEventListener("click", showMap, { once: true });
})();
