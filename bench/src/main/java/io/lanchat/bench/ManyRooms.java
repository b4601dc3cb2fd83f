package io.lanchat.bench;

import static io.lanchat.bench.RoomsBench.pct;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code --rooms} rooms of {@code --room-members} members each (and their owners), a reply of
 * {@code --reply-tokens} tokens asked by the first member of every room at once: the time from each question to
 * its first token at each member, each token's latency at each member, tokens delivered per second to all the
 * members together, errors, and the server's CPU and heap.
 */
final class ManyRooms {
    /** What the many rooms measured. */
    record Figures(int rooms, int members, double joinSeconds, long errors, long resyncs, String firstFailure,
                   long memberTokens, long ownerTokens, double deliveredPerSecond, Samples.Sorted ttft,
                   Samples.Sorted inbound, Samples.Sorted latency, double[] cores, double serverMicrosPerToken, double heapBaselineMiB,
                   double heapOwnersMiB, double heapRoomsMiB,
                   double heapAfterMiB, double rssMiB) {
    }

    private final BenchOptions o;
    private final Results results;
    private final WsClient client;
    private final ServerProcess server;

    ManyRooms(BenchOptions o, Results results, WsClient client, ServerProcess server) {
        this.o = o;
        this.results = results;
        this.client = client;
        this.server = server;
    }

    Figures run() throws Exception {
        int tokens = o.replyTokens;
        long micros = 1_000_000L / o.rate;
        double heapBaseline = mib(server.heapUsedAfterGc());
        System.out.printf("rooms, many: %d rooms of %d members (heap after GC before: %.1f MiB)%n", o.rooms,
                o.roomMembers, heapBaseline);
        long t0 = System.nanoTime();
        List<RoomSetup.Opened> opened = RoomSetup.openEmpty(client, o.rooms);
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        double heapOwners = mib(server.heapUsedAfterGc());
        t0 = System.nanoTime();
        List<RoomSetup.Room> rooms = RoomSetup.join(client, opened, o.roomMembers);
        double joinSeconds = (System.nanoTime() - t0) / 1e9;
        double heapRooms = mib(server.heapUsedAfterGc());
        double rss = mib(server.rssBytes());
        System.out.printf("  owners in and rooms open in %.1f s (heap after GC %.1f MiB), every member in %.1f s later"
                + " (heap after GC %.1f MiB, RSS %.1f MiB); a reply of %d tokens at %d tokens/s in every room at once%n",
                openSeconds, heapOwners, joinSeconds, heapRooms, rss, tokens, o.rate);

        List<ChatRun> askers = new ArrayList<>();
        List<ChatRun> members = new ArrayList<>();
        List<ChatRun> owners = new ArrayList<>();
        List<CompletableFuture<Void>> armed = new ArrayList<>();
        List<List<ChatRun>> byRoom = new ArrayList<>();
        for (RoomSetup.Room room : rooms) {
            ChatRun owner = new ChatRun("q", tokens, micros, false);
            owners.add(owner);
            armed.add(room.owner().follow(owner));
            List<ChatRun> inRoom = new ArrayList<>();
            for (RoomConn member : room.members()) {
                ChatRun run = new ChatRun("q", tokens, micros, true);
                inRoom.add(run);
                if (inRoom.size() > 1) {
                    armed.add(member.follow(run));
                }
            }
            askers.add(inRoom.get(0));
            members.addAll(inRoom);
            byRoom.add(inRoom);
        }
        RoomsBench.awaitArmed(armed);
        MachineCpu before = MachineCpu.now(server);
        var threads0 = server.threadCpuNanos();
        for (int r = 0; r < rooms.size(); r++) {
            rooms.get(r).members().get(0).chat(askers.get(r));
        }
        List<ChatRun> all = new ArrayList<>(members);
        all.addAll(owners);
        RoomsBench.awaitReplies(all, tokens, micros);
        MachineCpu after = MachineCpu.now(server);
        System.out.println("  server threads (cores): " + ServerProcess.topThreads(threads0, server.threadCpuNanos(),
                after.wallNanos() - before.wallNanos()));
        double heapAfter = mib(server.heapUsedAfterGc());

        Samples ttft = new Samples(members.size());
        Samples inbound = new Samples(askers.size());
        for (ChatRun asker : askers) {
            if (asker.firstTokenNanos >= 0) {
                inbound.add(asker.timeToFirstToken() - asker.firstTokenLatencyNanos);
            }
        }
        for (List<ChatRun> inRoom : byRoom) {
            RoomFigures.timeToFirstToken(inRoom, inRoom.get(0).sentNanos, ttft);
        }
        long memberTokens = members.stream().mapToLong(r -> r.received).sum();
        long ownerTokens = owners.stream().mapToLong(r -> r.received).sum();
        long first = members.stream().filter(r -> r.firstTokenNanos >= 0).mapToLong(r -> r.firstTokenNanos).min()
                .orElse(0);
        long last = members.stream().mapToLong(r -> r.lastTokenNanos).max().orElse(0);
        List<RoomConn> conns = rooms.stream().flatMap(room -> room.all().stream()).toList();
        Figures f = new Figures(rooms.size(), members.size(), joinSeconds, RoomsBench.errors(all, conns),
                RoomsBench.resyncs(conns), RoomsBench.firstFailure(all, conns), memberTokens, ownerTokens,
                last > first ? memberTokens / ((last - first) / 1e9) : -1, ttft.sorted(), inbound.sorted(),
                Samples.merge(members.stream().map(r -> r.latency).toList()).sorted(),
                after.since(before), (after.serverNanos() - before.serverNanos()) / 1e3
                / Math.max(1, memberTokens + ownerTokens), heapBaseline, heapOwners, heapRooms, heapAfter, rss);
        report(f, (long) members.size() * tokens);
        WsClient.closeAll(conns, 20_000);
        return f;
    }

    private void report(Figures f, long expectedTokens) throws java.io.IOException {
        System.out.printf("  errors %d (room_state resyncs %d)%s%n", f.errors(), f.resyncs(),
                f.firstFailure() == null ? "" : "; first: " + f.firstFailure());
        System.out.printf("  tokens at the members %d of %d (owners %d), %.0f tokens/s delivered to the members%n",
                f.memberTokens(), expectedTokens, f.ownerTokens(), f.deliveredPerSecond());
        System.out.println("  question -> first token at each member: " + pct(f.ttft()));
        System.out.println("  question -> the stand-in writes token 0: " + pct(f.inbound()));
        System.out.println("  latency per token at each member:       " + pct(f.latency()));
        System.out.printf("  server %.1f us of CPU per token frame written (members and owners); heap after GC %.1f MiB"
                + " after the replies%n", f.serverMicrosPerToken(), f.heapAfterMiB());
        Results.Entry entry = new Results.Entry("rooms-many").param("rooms", f.rooms())
                .param("membersPerRoom", o.roomMembers).param("replyTokens", o.replyTokens)
                .param("ratePerStream", o.rate).param("serverJvm", String.join(" ", o.serverJvm));
        entry.metric("errors", f.errors()).metric("resyncs", f.resyncs())
                .metric("joinSeconds", Math.round(f.joinSeconds() * 100) / 100.0)
                .metric("memberTokens", f.memberTokens()).metric("expectedMemberTokens", expectedTokens)
                .metric("ownerTokens", f.ownerTokens())
                .metric("deliveredPerSecond", Math.round(f.deliveredPerSecond()))
                .metric("serverCpuPerTokenFrame_us", Math.round(f.serverMicrosPerToken() * 100) / 100.0)
                .metric("heapBaselineMiB", f.heapBaselineMiB()).metric("heapOwnersMiB", f.heapOwnersMiB())
                .metric("heapRoomsMiB", f.heapRoomsMiB())
                .metric("heapPerMemberBytes", Math.round((f.heapRoomsMiB() - f.heapOwnersMiB()) * 1048576 / f.members()))
                .metric("heapAfterMiB", f.heapAfterMiB()).metric("rssMiB", f.rssMiB());
        System.out.println("  while the replies streamed: " + MachineCpu.describe(f.cores(), entry));
        RoomsBench.metrics(entry, "ttft", f.ttft());
        RoomsBench.metrics(entry, "inbound", f.inbound());
        RoomsBench.metrics(entry, "latency", f.latency());
        if (f.firstFailure() != null) {
            entry.metric("firstFailure", f.firstFailure());
        }
        results.write(entry);
    }

    private static double mib(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }
}
