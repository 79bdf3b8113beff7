// The online courtroom: WebRTC peer-to-peer mesh with signalling over the room's WebSocket
// (fating.trials.consumers). Existing participants offer to whoever joins; the joiner answers.
// Each remote participant's <video> carries `data-remote-video` (the browser tests use it).
// Recording (庭审录像): when the server's recorder runs it is one more peer (id
// cfg.recorder_peer, no seat and no tile): it announces itself ("join") or greets a newcomer
// ({recorder: "hello"}), and each page offers it a send-only connection with its camera and
// microphone; the server composes and files the hearing's file. When it does not run, the
// judge's or clerk's page records a composite of all pictures and sounds (MediaRecorder) and
// uploads it in slices; the server hashes it and files it as 庭审录像.
(function () {
  "use strict";
  const T = window.FATING_TRIAL_TEXT || {};
  const cfgNode = document.getElementById("trial-config");
  if (!cfgNode) return;
  const cfg = JSON.parse(cfgNode.textContent);
  const statusNode = document.getElementById("link-status");
  const videos = document.getElementById("videos");
  const localVideo = document.getElementById("local-video");
  const micButton = document.getElementById("toggle-mic");
  const camButton = document.getElementById("toggle-cam");
  const recButton = document.getElementById("record");
  const recIndicator = document.getElementById("rec-indicator");
  const peers = new Map(); // attendee id -> {pc, tile, video, pending: []}
  const REC = cfg.recorder_peer;
  let toRecorder = null; // the send-only connection to the server's recorder
  let local = null;
  let ws = null;
  let self = 0;
  let mutedByJudge = false;
  let people = {};

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (e) { return ""; }
  }
  function setStatus(text) { if (statusNode) statusNode.textContent = text; }
  function send(message) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(message)); }

  function tileFor(id) {
    const figure = document.createElement("figure");
    figure.className = "tile";
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute("data-remote-video", "");
    video.setAttribute("data-peer", String(id));
    const caption = document.createElement("figcaption");
    const person = people[id];
    caption.textContent = person ? person.name + " · " + person.role + " · " + person.seat : "";
    figure.appendChild(video);
    figure.appendChild(caption);
    videos.appendChild(figure);
    return { figure: figure, video: video, caption: caption };
  }

  function play(video) {
    const attempt = video.play();
    if (attempt && attempt.catch) {
      attempt.catch(function () { // autoplay with sound refused: play muted, sound on a click
        video.muted = true;
        video.play().catch(function () {});
        document.addEventListener("click", function () { video.muted = false; }, { once: true });
      });
    }
  }

  function createPeer(id, initiator) {
    if (peers.has(id)) return peers.get(id);
    if (peers.size + 1 >= cfg.mesh_limit) setStatus(T.tooMany);
    const pc = new RTCPeerConnection({ iceServers: cfg.ice || [] });
    const tile = tileFor(id);
    const peer = { pc: pc, tile: tile, pending: [] };
    peers.set(id, peer);
    if (local) local.getTracks().forEach(function (track) { pc.addTrack(track, local); });
    pc.onicecandidate = function (event) {
      if (event.candidate) send({ type: "signal", to: id, data: { candidate: event.candidate.toJSON() } });
    };
    pc.ontrack = function (event) {
      if (tile.video.srcObject !== event.streams[0]) {
        tile.video.srcObject = event.streams[0];
        play(tile.video);
      }
    };
    pc.onconnectionstatechange = function () {
      if (pc.connectionState === "failed") dropPeer(id);
    };
    if (initiator) {
      pc.createOffer()
        .then(function (offer) { return pc.setLocalDescription(offer); })
        .then(function () { send({ type: "signal", to: id, data: { sdp: pc.localDescription.toJSON() } }); })
        .catch(function () {});
    }
    return peer;
  }

  function dropPeer(id) {
    const peer = peers.get(id);
    if (!peer) return;
    peers.delete(id);
    try { peer.pc.close(); } catch (e) { /* already closed */ }
    peer.tile.video.srcObject = null;
    peer.tile.figure.remove();
  }

  // --- the server's recorder: receive-only on its side, so this side only sends
  function closeRecorder() {
    if (!toRecorder) return;
    try { toRecorder.close(); } catch (e) { /* already closed */ }
    toRecorder = null;
  }

  function offerToRecorder(replace) {
    if (!local || !local.getTracks().length) return;
    if (toRecorder && !replace && ["failed", "closed"].indexOf(toRecorder.connectionState) < 0) return;
    closeRecorder();
    const pc = new RTCPeerConnection({ iceServers: cfg.ice || [] });
    toRecorder = pc;
    local.getTracks().forEach(function (track) {
      pc.addTransceiver(track, { direction: "sendonly", streams: [local] });
    });
    // The offer goes once ICE gathering is done, with its candidates in it (no trickling).
    const gathered = new Promise(function (resolve) {
      const timer = setTimeout(resolve, 3000);
      pc.onicegatheringstatechange = function () {
        if (pc.iceGatheringState === "complete") { clearTimeout(timer); resolve(); }
      };
    });
    pc.createOffer()
      .then(function (offer) { return pc.setLocalDescription(offer); })
      .then(function () { return gathered; })
      .then(function () {
        if (toRecorder === pc) send({ type: "signal", to: REC, data: { sdp: pc.localDescription.toJSON() } });
      })
      .catch(function () {});
  }

  function onRecorderSignal(data) {
    if (data.recorder === "hello") offerToRecorder(false);
    else if (data.sdp && data.sdp.type === "answer" && toRecorder) {
      toRecorder.setRemoteDescription(data.sdp).catch(function () {});
    }
  }

  function onSignal(from, data) {
    if (from === REC) { onRecorderSignal(data); return; }
    const peer = peers.get(from) || createPeer(from, false);
    const pc = peer.pc;
    if (data.sdp) {
      pc.setRemoteDescription(data.sdp).then(function () {
        peer.pending.splice(0).forEach(function (c) { pc.addIceCandidate(c).catch(function () {}); });
        if (data.sdp.type === "offer") {
          return pc.createAnswer()
            .then(function (answer) { return pc.setLocalDescription(answer); })
            .then(function () { send({ type: "signal", to: from, data: { sdp: pc.localDescription.toJSON() } }); });
        }
        return null;
      }).catch(function () {});
    } else if (data.candidate) {
      if (pc.remoteDescription) pc.addIceCandidate(data.candidate).catch(function () {});
      else peer.pending.push(data.candidate);
    }
  }

  function applyState(state) {
    if (!state || !state.attendees) return;
    people = {};
    state.attendees.forEach(function (a) {
      people[a.id] = a;
      if (a.id !== self && a.status !== "admitted") dropPeer(a.id);
      const peer = peers.get(a.id);
      if (peer) peer.tile.caption.textContent = a.name + " · " + a.role + " · " + a.seat;
      const row = document.querySelector('#seats tr[data-attendee="' + a.id + '"]');
      if (row && row.cells[3]) row.cells[3].textContent = a.status_label + (a.muted ? " · " + T.mutedShort : "");
      if (a.id === self) applyMute(a.muted);
    });
    if (recIndicator) recIndicator.hidden = !state.recording;
    const source = document.getElementById("rec-source");
    if (source) source.textContent = state.recording ? "（" + (T[state.recording_source] || "") + "）" : "";
    if (state.recording && !recordingId) { recordingId = state.recording_id; recSource = state.recording_source; }
    if (!state.recording && recordingId && !recorder) { recordingId = 0; recSource = ""; }
    if (recButton && !busy) recButton.textContent = recordingId ? T.recStop : T.recStart;
  }

  function applyMute(muted) {
    mutedByJudge = muted;
    if (!local) return;
    if (muted) local.getAudioTracks().forEach(function (t) { t.enabled = false; });
    if (micButton) {
      micButton.disabled = muted;
      micButton.textContent = muted ? T.muted : (local.getAudioTracks().every(function (t) { return t.enabled; }) ? T.micOff : T.micOn);
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + location.host + cfg.ws);
    setStatus(T.connecting);
    ws.onmessage = function (event) {
      const msg = JSON.parse(event.data);
      if (msg.type === "ready") { self = msg.self; applyState(msg.state); setStatus(T.online); }
      else if (msg.type === "join") { if (msg.peer === REC) offerToRecorder(true); else createPeer(msg.peer, true); }
      else if (msg.type === "leave") { if (msg.peer === REC) closeRecorder(); else dropPeer(msg.peer); }
      else if (msg.type === "signal") onSignal(msg.from, msg.data);
      else if (msg.type === "state") applyState(msg.state);
    };
    ws.onclose = function (event) {
      Array.from(peers.keys()).forEach(dropPeer);
      closeRecorder();
      if (event.code === 4403) {
        setStatus(T.removed);
        if (local) local.getTracks().forEach(function (t) { t.stop(); });
        return;
      }
      setStatus(T.closed);
      setTimeout(connect, 3000); // a dropped participant rejoins by itself
    };
  }

  // --- moderation without leaving the page (the call goes on)
  document.querySelectorAll("form.moderate").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const data = new FormData(form);
      if (event.submitter) data.set(event.submitter.name, event.submitter.value);
      fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin",
                           headers: { "X-CSRFToken": csrf(), Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (answer) { if (!answer.ok) setStatus((answer.errors || []).join(" ")); })
        .catch(function () {});
    });
  });

  if (micButton) micButton.addEventListener("click", function () {
    if (!local || mutedByJudge) return;
    const on = !local.getAudioTracks().every(function (t) { return t.enabled; });
    local.getAudioTracks().forEach(function (t) { t.enabled = on; });
    micButton.textContent = on ? T.micOff : T.micOn;
  });
  if (camButton) camButton.addEventListener("click", function () {
    if (!local) return;
    const on = !local.getVideoTracks().every(function (t) { return t.enabled; });
    local.getVideoTracks().forEach(function (t) { t.enabled = on; });
    camButton.textContent = on ? T.camOff : T.camOn;
  });

  // --- recording: by the server's recorder, or (when it does not run) a composite of every
  // picture and every voice made here and uploaded in slices
  let recorder = null; // this page's MediaRecorder (browser recording only)
  let recordingId = cfg.running ? cfg.running.id : 0;
  let recSource = cfg.running ? cfg.running.source : "";
  let busy = false;
  let uploads = Promise.resolve();
  function composite() {
    const canvas = document.createElement("canvas");
    canvas.width = 960; canvas.height = 540;
    const ctx = canvas.getContext("2d");
    const draw = function () {
      if (!recorder) return;
      const all = Array.from(videos.querySelectorAll("video"));
      const cols = Math.ceil(Math.sqrt(all.length || 1));
      const rows = Math.ceil((all.length || 1) / cols);
      const w = canvas.width / cols, h = canvas.height / rows;
      ctx.fillStyle = "#000"; ctx.fillRect(0, 0, canvas.width, canvas.height);
      all.forEach(function (v, i) {
        try { ctx.drawImage(v, (i % cols) * w, Math.floor(i / cols) * h, w, h); } catch (e) { /* not ready */ }
      });
      setTimeout(draw, 100);
    };
    const audio = new AudioContext();
    const mix = audio.createMediaStreamDestination();
    const streams = [local].concat(Array.from(peers.values()).map(function (p) { return p.tile.video.srcObject; }));
    streams.forEach(function (s) {
      if (s && s.getAudioTracks().length) audio.createMediaStreamSource(s).connect(mix);
    });
    const out = canvas.captureStream(10);
    mix.stream.getAudioTracks().forEach(function (t) { out.addTrack(t); });
    return { stream: out, start: draw };
  }
  function post(url, body) {
    return fetch(url, { method: "POST", body: body, credentials: "same-origin",
                        headers: { "X-CSRFToken": csrf(), Accept: "application/json" } })
      .then(function (r) { return r.json(); });
  }
  function finished(answer) {
    busy = false;
    if (!answer || !answer.ok) { setStatus(((answer && answer.errors) || []).join(" ")); return; }
    if (answer.source === "server" && !answer.sha256) setStatus(T.composing);
  }
  function stopRecording() {
    const id = recordingId;
    recordingId = 0; recSource = ""; busy = true;
    recButton.textContent = T.recStart;
    if (recorder) { // this page records: the last slice first, then finish
      const done = recorder;
      recorder = null;
      done.onstop = function () {
        uploads = uploads.then(function () { return post("/trials/recordings/" + id + "/finish/"); }).then(finished);
      };
      done.stop();
      return;
    }
    post("/trials/recordings/" + id + "/finish/").then(finished).catch(function () { busy = false; });
  }
  function startBrowserRecording(id, mime) {
    const mixed = composite();
    recorder = new MediaRecorder(mixed.stream, { mimeType: mime });
    recorder.ondataavailable = function (event) {
      if (!event.data || !event.data.size) return;
      const slice = event.data;
      uploads = uploads.then(function () { return post("/trials/recordings/" + id + "/chunk/", slice); });
    };
    recorder.start(5000);
    mixed.start();
  }
  if (recButton) recButton.addEventListener("click", function () {
    if (busy) return;
    if (recordingId) { stopRecording(); return; }
    const mime = MediaRecorder.isTypeSupported("video/webm") ? "video/webm" : "video/mp4";
    const body = new FormData();
    body.set("mime", mime);
    busy = true;
    post(cfg.recordings, body).then(function (answer) {
      busy = false;
      if (!answer.ok) { setStatus((answer.errors || []).join(" ")); return; }
      recordingId = answer.recording;
      recSource = answer.source;
      if (answer.source === "browser") startBrowserRecording(answer.recording, mime);
      recButton.textContent = T.recStop;
    }).catch(function () { busy = false; });
  });

  navigator.mediaDevices.getUserMedia({ video: true, audio: true })
    .then(function (stream) { local = stream; localVideo.srcObject = stream; applyMute(mutedByJudge); })
    .catch(function () { local = new MediaStream(); })
    .then(connect);
})();
