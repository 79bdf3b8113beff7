// The device test page: open camera and microphone, show the picture and a level meter, and
// enable "设备正常" once both work.
(function () {
  "use strict";
  const text = window.FATING_DEVICE_TEXT || {};
  const video = document.getElementById("preview");
  const meter = document.getElementById("level");
  const status = document.getElementById("device-status");
  const ok = document.getElementById("device-ok");
  if (!video || !navigator.mediaDevices) { if (status) status.textContent = text.fail; return; }
  navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(function (stream) {
    video.srcObject = stream;
    const hasVideo = stream.getVideoTracks().length > 0;
    const hasAudio = stream.getAudioTracks().length > 0;
    try {
      const ctx = new AudioContext();
      const analyser = ctx.createAnalyser();
      ctx.createMediaStreamSource(stream).connect(analyser);
      const data = new Uint8Array(analyser.frequencyBinCount);
      const tick = function () {
        analyser.getByteTimeDomainData(data);
        let peak = 0;
        for (let i = 0; i < data.length; i++) peak = Math.max(peak, Math.abs(data[i] - 128));
        meter.value = Math.min(100, peak);
        requestAnimationFrame(tick);
      };
      tick();
    } catch (e) { /* no level meter; the picture is enough */ }
    if (hasVideo && hasAudio) { ok.disabled = false; status.textContent = text.ok; }
    else { status.textContent = text.fail; }
  }).catch(function () { status.textContent = text.fail; });
})();
