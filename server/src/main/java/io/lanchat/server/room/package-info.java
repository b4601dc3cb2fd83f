/**
 * Rooms: a conversation its owner opened to members invited by link. The invite is a share link of kind room
 * ({@link io.lanchat.server.share.ShareService#openRoom}); members follow the conversation as its watchers and are
 * told who is present ({@link io.lanchat.server.room.RoomMembers}).
 */
package io.lanchat.server.room;
