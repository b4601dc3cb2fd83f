package io.lanchat.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.RoomTyping;
import io.lanchat.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomMembersTest {
    private final RoomMembers members = new RoomMembers();

    @Test
    void aNewMemberIsToldToTheOthersInTheOrderTheyJoined() {
        FakeMember ana = new FakeMember("Ana", "k1");
        FakeMember bea = new FakeMember("Bea", "k2");
        members.join("c", ana);

        RoomMembers.Joined joined = members.join("c", bea);

        assertThat(joined).as("the owner's frame has the list").isEqualTo(new RoomMembers.Joined(true, null,
                RoomPresence.withList("Bea", true, List.of("Ana", "Bea"))));
        assertThat(ana.told).as("the members' has the change alone").containsExactly(RoomPresence.change("Bea", true, 2));
        assertThat(bea.told).isEmpty();
    }

    @Test
    void aTakenNameWithAnotherKeyIsRefusedAndNothingChanges() {
        FakeMember ana = new FakeMember("Ana", "k1");
        members.join("c", ana);

        RoomMembers.Joined joined = members.join("c", new FakeMember("Ana", "other"));

        assertThat(joined.in()).isFalse();
        assertThat(members.names("c")).containsExactly("Ana");
        assertThat(ana.told).isEmpty();
    }

    @Test
    void theSameNameAndKeyTakesTheOldPlaceWithoutTellingAnyone() {
        FakeMember ana = new FakeMember("Ana", "k1");
        FakeMember bea = new FakeMember("Bea", "k2");
        members.join("c", ana);
        members.join("c", bea);
        ana.told.clear();
        FakeMember anaAgain = new FakeMember("Ana", "k1");

        RoomMembers.Joined joined = members.join("c", anaAgain);
        RoomPresence oldLeft = members.leave("c", ana);

        assertThat(joined).isEqualTo(new RoomMembers.Joined(true, ana, null));
        assertThat(oldLeft).as("the replaced connection is no longer a member").isNull();
        assertThat(members.names("c")).containsExactly("Ana", "Bea");
        assertThat(bea.told).isEmpty();
    }

    @Test
    void leavingTellsTheOthersAndTheLastOneLeavesAnEmptyRoom() {
        FakeMember ana = new FakeMember("Ana", "k1");
        FakeMember bea = new FakeMember("Bea", "k2");
        members.join("c", ana);
        members.join("c", bea);
        ana.told.clear();

        RoomPresence beaLeft = members.leave("c", bea);
        RoomPresence anaLeft = members.leave("c", ana);

        assertThat(beaLeft).isEqualTo(RoomPresence.withList("Bea", false, List.of("Ana")));
        assertThat(ana.told).containsExactly(RoomPresence.change("Bea", false, 1));
        assertThat(anaLeft).isEqualTo(RoomPresence.withList("Ana", false, List.of()));
        assertThat(members.names("c")).isEmpty();
    }

    @Test
    void roomsAreApart() {
        FakeMember ana = new FakeMember("Ana", "k1");
        FakeMember anaElsewhere = new FakeMember("Ana", "k9");
        members.join("c", ana);

        assertThat(members.join("d", anaElsewhere).in()).isTrue();
        members.tellOthers("d", null, RoomTyping.member("Zed"));

        assertThat(ana.told).isEmpty();
        assertThat(anaElsewhere.told).containsExactly(RoomTyping.member("Zed"));
    }

    private static final class FakeMember implements RoomMembers.Member {
        private final String name;
        private final String key;
        final List<ServerMessage> told = new ArrayList<>();

        FakeMember(String name, String key) {
            this.name = name;
            this.key = key;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String key() {
            return key;
        }

        @Override
        public void tell(ServerMessage message) {
            told.add(message);
        }
    }
}
