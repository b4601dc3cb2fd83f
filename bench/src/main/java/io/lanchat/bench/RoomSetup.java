package io.lanchat.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Opens rooms as people would: each owner connects, chats once so that it has a conversation, opens it as a room
 * ({@code open_room}) and stays connected with it open; then the members join with the invite and a name
 * ({@code /ws?room=TOKEN&name=NAME}).
 */
final class RoomSetup {
    /** One room: its owner's connection and its members', in the order they joined. */
    record Room(RoomConn owner, List<RoomConn> members) {
        /** Every connection of the room, owner first. */
        List<RoomConn> all() {
            List<RoomConn> all = new ArrayList<>(members.size() + 1);
            all.add(owner);
            all.addAll(members);
            return all;
        }
    }

    private static final long CONNECT_MILLIS = 180_000;

    private RoomSetup() {
    }

    /** An open room with nobody in it yet: its owner's connection and the invite's token, URL-encoded. */
    record Opened(RoomConn owner, String invite) {
    }

    /**
     * Opens {@code rooms} rooms of {@code members} members each. Fails when an owner could not connect or open its
     * room, or a member could not join: a benchmark of rooms with members missing would flatter the server.
     */
    static List<Room> open(WsClient client, int rooms, int members) throws Exception {
        return join(client, openEmpty(client, rooms), members);
    }

    /** Connects {@code rooms} owners; each chats once and opens its conversation as a room. */
    static List<Opened> openEmpty(WsClient client, int rooms) throws Exception {
        List<RoomConn> owners = client.open(rooms, Math.min(rooms, 256), CONNECT_MILLIS, RoomConn::new,
                i -> client.at("/ws"));
        if (owners.size() < rooms) {
            throw new IOException("only " + owners.size() + " of " + rooms + " owners connected: "
                    + client.lastFailure());
        }
        List<ChatRun> firsts = new ArrayList<>();
        for (RoomConn owner : owners) {
            ChatRun first = new ChatRun("start", 2, 0, false);
            firsts.add(first);
            owner.chat(first);
        }
        await(firsts.stream().map(r -> r.done).toList(), "the owners' first chats");
        for (ChatRun first : firsts) {
            if (!first.ok()) {
                throw new IOException("an owner's first chat failed: " + first.failure);
            }
        }
        List<CompletableFuture<io.lanchat.protocol.RoomOpened>> opened = owners.stream().map(RoomConn::openRoom)
                .toList();
        await(opened, "open_room");
        List<Opened> all = new ArrayList<>(rooms);
        for (int r = 0; r < rooms; r++) {
            all.add(new Opened(owners.get(r), URLEncoder.encode(opened.get(r).join().token(), StandardCharsets.UTF_8)));
        }
        return all;
    }

    /** {@code members} members join each of the rooms, named m0, m1, ... in each. */
    static List<Room> join(WsClient client, List<Opened> opened, int members) throws Exception {
        int rooms = opened.size();
        List<RoomConn> joined = client.open(rooms * members, 256, CONNECT_MILLIS, RoomConn::new,
                i -> client.at("/ws?room=" + opened.get(i / members).invite() + "&name=m" + (i % members)));
        if (joined.size() < rooms * members) {
            throw new IOException("only " + joined.size() + " of " + rooms * members + " members joined: "
                    + client.lastFailure());
        }
        List<Room> all = new ArrayList<>(rooms);
        for (int r = 0; r < rooms; r++) {
            all.add(new Room(opened.get(r).owner(), joined.subList(r * members, (r + 1) * members)));
        }
        return all;
    }

    private static void await(List<? extends CompletableFuture<?>> futures, String what) throws Exception {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(CONNECT_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(what + " did not finish within " + CONNECT_MILLIS + " ms");
        }
    }
}
