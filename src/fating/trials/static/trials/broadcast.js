// 庭审直播: play each broadcast's HLS playlist with the vendored hls.js (Safari plays HLS
// natively). No worker (the CSP allows scripts from this host only), no outside service.
(function () {
  "use strict";
  function attach(video) {
    var src = video.getAttribute("data-hls-src");
    if (!src) return;
    if (window.Hls && window.Hls.isSupported()) {
      var player = new window.Hls({ enableWorker: false, lowLatencyMode: false });
      player.loadSource(src);
      player.attachMedia(video);
      player.on(window.Hls.Events.ERROR, function (_event, data) {
        if (data.fatal && data.type === window.Hls.ErrorTypes.NETWORK_ERROR) player.startLoad();
        else if (data.fatal && data.type === window.Hls.ErrorTypes.MEDIA_ERROR) player.recoverMediaError();
      });
    } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = src;
    }
  }
  document.querySelectorAll("video[data-hls-src]").forEach(attach);
})();
