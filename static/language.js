// The standalone page's choice of its own language, run before the page is drawn: the language
// chosen in the app on this device, else the first of the browser's the app speaks, else
// English. Each language has its static page (`pages`, by code; `key` is where the app keeps the
// choice); this opens that page, at the same place, when another one was asked for. A page
// names its language in <html lang>; a host that serves another file at that address (a
// service worker without it offline) does not make it go round in circles.
var chosen = null;
try {
  chosen = localStorage.getItem(key);
} catch (e) {
  // Storage is blocked: the browser's languages decide.
}
var tags = [chosen].concat(navigator.languages || [navigator.language]);
var want = "en";
for (var i = 0; i < tags.length; i++) {
  var primary = String(tags[i] || "").split(/[-_]/)[0].toLowerCase();
  if (Object.prototype.hasOwnProperty.call(pages, primary)) {
    want = primary;
    break;
  }
}
var here = location.pathname.split("/").pop() || "index.html";
if (document.documentElement.lang !== want && here !== pages[want]) {
  location.replace(pages[want] + location.search + location.hash);
}
