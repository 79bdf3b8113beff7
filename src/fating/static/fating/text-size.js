// 大字 mode before the first paint: loaded without defer in <head>, so the class is set before the
// body is drawn (the choice is kept in this browser's localStorage; app.js toggles it).
try {
  if (localStorage.getItem("fating.largeText") === "1") {
    document.documentElement.classList.add("large-text");
  }
} catch (e) {}
