package io.lanchat.bench;

import static io.lanchat.bench.RoomsBench.pct;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One room of {@code --big-room} members: {@code --rounds} replies of {@code --reply-tokens} tokens, each asked by
 * the first member. Beside each, in the same server and at the same time, one private chat (a user alone, no room)
 * streams the same reply; before each, that private chat streams it alone. Per token: the spread from the first
 * member to receive it to the last, and its latency (arrival minus the stand-in's send stamp) at every member and
 * at the last, against the private chat's.
 */
final class BigRoom {
    /** What the big room measured over every round. */
    record Figures(int members, double joinSeconds, long errors, long resyncs, String firstFailure,
                   Samples.Sorted spread, Samples.Sorted lastLatency, Samples.Sorted memberLatency,
                   Samples.Sorted memberGaps, Samples.Sorted memberTtft, Samples.Sorted privateDuring,
                   Samples.Sorted privateDuringGaps, Samples.Sorted privateAlone, Samples.Sorted privateAloneGaps,
                   Samples.Sorted privateTtft, Samples.Sorted askerInbound, Samples.Sorted privateInbound,
                   Samples.Sorted memberFirstToken, Samples.Sorted privateFirstToken) {
    }

    private final BenchOptions o;
    private final Results results;
    private final WsClient client;
    private final ServerProcess server;
    private final Samples spread = new Samples();
    private final Samples lastLatency = new Samples();
    private final List<Samples> memberLatency = new ArrayList<>();
    private final Samples memberGaps = new Samples();
    private final Samples memberTtft = new Samples();
    private final Samples privateDuring = new Samples();
    private final Samples privateDuringGaps = new Samples();
    private final Samples privateAlone = new Samples();
    private final Samples privateAloneGaps = new Samples();
    /** The private chat's time to first token, alone and beside the room: what a question costs without a room. */
    private final Samples privateTtft = new Samples();
    /** Question sent -> the stand-in writes the first token: the part of the time to it before Ollama answers. */
    private final Samples askerInbound = new Samples();
    private final Samples privateInbound = new Samples();
    /** The stand-in writes the first token -> it arrives: its latency, apart from the later tokens'. */
    private final Samples memberFirstToken = new Samples();
    private final Samples privateFirstToken = new Samples();
    private final List<ChatRun> allRuns = new ArrayList<>();

    BigRoom(BenchOptions o, Results results, WsClient client, ServerProcess server) {
        this.o = o;
        this.results = results;
        this.client = client;
        this.server = server;
    }

    Figures run() throws Exception {
        int tokens = o.replyTokens;
        long micros = 1_000_000L / o.rate;
        System.out.printf("rooms, one room: %d members join%n", o.bigRoom);
        long t0 = System.nanoTime();
        RoomSetup.Room room = RoomSetup.open(client, 1, o.bigRoom).get(0);
        double joinSeconds = (System.nanoTime() - t0) / 1e9;
        WsConn alone = client.connect(1, 1, 30_000).get(0);
        System.out.printf("  joined in %.1f s; %d rounds of %d tokens at %d tokens/s, the private chat alone"
                + " before each, beside the room's reply in it%n", joinSeconds, o.rounds, tokens, o.rate);
        if (o.warmup > 0) {
            round(room, alone, "w", Math.max(2, o.warmup * o.rate), micros, false);
        }
        double[] coreNanos = new double[4];
        long wall = 0;
        for (int r = 1; r <= o.rounds; r++) {
            ChatRun first = new ChatRun("p" + r, tokens, micros, true).keepArrivals();
            alone.chat(first);
            RoomsBench.awaitReplies(List.of(first), tokens, micros);
            record(first, privateAlone, privateAloneGaps);
            MachineCpu before = MachineCpu.now(server);
            round(room, alone, "q" + r, tokens, micros, true);
            MachineCpu after = MachineCpu.now(server);
            double[] cores = after.since(before);
            for (int i = 0; i < cores.length; i++) {
                coreNanos[i] += cores[i] * (after.wallNanos() - before.wallNanos());
            }
            wall += after.wallNanos() - before.wallNanos();
        }
        double[] cores = new double[coreNanos.length];
        for (int i = 0; i < cores.length; i++) {
            cores[i] = coreNanos[i] / Math.max(1, wall);
        }
        List<RoomConn> conns = room.all();
        Figures f = new Figures(o.bigRoom, joinSeconds, RoomsBench.errors(allRuns, conns) + alone.unexpected(),
                RoomsBench.resyncs(conns), RoomsBench.firstFailure(allRuns, conns), spread.sorted(),
                lastLatency.sorted(), Samples.merge(memberLatency).sorted(), memberGaps.sorted(), memberTtft.sorted(),
                privateDuring.sorted(), privateDuringGaps.sorted(), privateAlone.sorted(), privateAloneGaps.sorted(),
                privateTtft.sorted(), askerInbound.sorted(), privateInbound.sorted(),
                memberFirstToken.sorted(), privateFirstToken.sorted());
        report(f, cores);
        WsClient.closeAll(conns, 10_000);
        WsClient.closeAll(List.of(alone), 5_000);
        return f;
    }

    /** One reply in the room, asked by its first member, and the private chat streaming the same beside it. */
    private void round(RoomSetup.Room room, WsConn alone, String id, int tokens, long micros, boolean measured)
            throws Exception {
        List<ChatRun> members = new ArrayList<>();
        List<CompletableFuture<Void>> armed = new ArrayList<>();
        ChatRun owner = new ChatRun(id, tokens, micros, false);
        armed.add(room.owner().follow(owner));
        for (RoomConn member : room.members()) {
            ChatRun run = new ChatRun(id, tokens, micros, true).keepArrivals();
            members.add(run);
            if (member != room.members().get(0)) {
                armed.add(member.follow(run));
            }
        }
        RoomsBench.awaitArmed(armed);
        ChatRun beside = new ChatRun("p" + id, tokens, micros, true).keepArrivals();
        room.members().get(0).chat(members.get(0));
        alone.chat(beside);
        List<ChatRun> all = new ArrayList<>(members);
        all.add(owner);
        all.add(beside);
        RoomsBench.awaitReplies(all, tokens, micros);
        if (!measured) {
            return;
        }
        allRuns.addAll(all);
        RoomFigures.spread(members, spread);
        RoomFigures.lastLatency(members, lastLatency);
        RoomFigures.timeToFirstToken(members, members.get(0).sentNanos, memberTtft);
        if (members.get(0).firstTokenNanos >= 0) {
            askerInbound.add(members.get(0).timeToFirstToken() - members.get(0).firstTokenLatencyNanos);
        }
        for (ChatRun run : members) {
            if (run.firstTokenNanos >= 0) {
                memberFirstToken.add(run.firstTokenLatencyNanos);
            }
            memberLatency.add(run.latency);
            RoomFigures.gaps(run, memberGaps);
        }
        record(beside, privateDuring, privateDuringGaps);
    }

    private void record(ChatRun run, Samples latency, Samples gaps) {
        allRuns.add(run);
        if (run.firstTokenNanos >= 0) {
            privateTtft.add(run.timeToFirstToken());
            privateInbound.add(run.timeToFirstToken() - run.firstTokenLatencyNanos);
            privateFirstToken.add(run.firstTokenLatencyNanos);
        }
        for (int i = 0; i < run.received && i < run.count; i++) {
            latency.add(run.arrivals[i] - run.stamps[i]);
        }
        RoomFigures.gaps(run, gaps);
    }

    private void report(Figures f, double[] cores) throws java.io.IOException {
        System.out.printf("  errors %d (room_state resyncs %d)%s%n", f.errors(), f.resyncs(),
                f.firstFailure() == null ? "" : "; first: " + f.firstFailure());
        System.out.println("  spread first -> last member, per token: " + pct(f.spread()));
        System.out.println("  latency at the last member:             " + pct(f.lastLatency()));
        System.out.println("  latency at every member:                " + pct(f.memberLatency()));
        System.out.println("  private chat beside the room, latency:  " + pct(f.privateDuring()));
        System.out.println("  private chat alone, latency:            " + pct(f.privateAlone()));
        System.out.println("  gap between tokens: members " + pct(f.memberGaps()) + "; private beside "
                + pct(f.privateDuringGaps()) + "; alone " + pct(f.privateAloneGaps()));
        System.out.printf("  first token after the question: at the members %s; private chat %s%n",
                pct(f.memberTtft()), pct(f.privateTtft()));
        System.out.printf("  question -> the stand-in writes the first token: room %s; private chat %s%n",
                pct(f.askerInbound()), pct(f.privateInbound()));
        System.out.printf("  the first token's latency (written -> arrived): at the members %s; private chat %s%n",
                pct(f.memberFirstToken()), pct(f.privateFirstToken()));
        Results.Entry entry = new Results.Entry("rooms-big").param("members", f.members())
                .param("rounds", o.rounds).param("replyTokens", o.replyTokens).param("ratePerStream", o.rate)
                .param("serverJvm", String.join(" ", o.serverJvm));
        entry.metric("errors", f.errors()).metric("resyncs", f.resyncs())
                .metric("joinSeconds", Math.round(f.joinSeconds() * 100) / 100.0);
        System.out.println("  during the room's replies: " + MachineCpu.describe(cores, entry));
        RoomsBench.metrics(entry, "spread", f.spread());
        RoomsBench.metrics(entry, "lastMember", f.lastLatency());
        RoomsBench.metrics(entry, "member", f.memberLatency());
        RoomsBench.metrics(entry, "memberGap", f.memberGaps());
        RoomsBench.metrics(entry, "memberTtft", f.memberTtft());
        RoomsBench.metrics(entry, "privateTtft", f.privateTtft());
        RoomsBench.metrics(entry, "roomInbound", f.askerInbound());
        RoomsBench.metrics(entry, "privateInbound", f.privateInbound());
        RoomsBench.metrics(entry, "memberFirstToken", f.memberFirstToken());
        RoomsBench.metrics(entry, "privateFirstToken", f.privateFirstToken());
        RoomsBench.metrics(entry, "privateBeside", f.privateDuring());
        RoomsBench.metrics(entry, "privateBesideGap", f.privateDuringGaps());
        RoomsBench.metrics(entry, "privateAlone", f.privateAlone());
        RoomsBench.metrics(entry, "privateAloneGap", f.privateAloneGaps());
        entry.metric("addedLastMemberVsBeside_p50_ms", Results.ms(f.lastLatency().percentile(50)
                - f.privateDuring().percentile(50)));
        entry.metric("addedLastMemberVsBeside_p99_ms", Results.ms(f.lastLatency().percentile(99)
                - f.privateDuring().percentile(99)));
        if (f.firstFailure() != null) {
            entry.metric("firstFailure", f.firstFailure());
        }
        results.write(entry);
    }
}
