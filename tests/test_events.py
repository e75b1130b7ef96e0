from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diplorel as dr
from diplorel._convert import ITEM_TYPES
from diplorel._events import EVENT_TYPES, event_sort_key
from strategies import event_of_type, every_event_type

ON = "2024-02-14"


def sample_events() -> list[dr.Event]:
    """One hand-made event of every built-in type."""
    return [
        dr.RelationsEstablished(between=("CUB", "KOR"), on=ON),
        dr.RelationsResumed(between=("CUB", "KOR"), on=ON, level=dr.Level.MINISTER),
        dr.RelationsSuspended(between=("CUB", "KOR"), on=ON, by="CUB"),
        dr.RelationsSevered(between=("CUB", "KOR"), on=ON, by="CUB", consular=True),
        dr.ConsularRelationsEstablished(between=("CUB", "KOR"), on=ON),
        dr.ConsularRelationsSevered(between=("CUB", "KOR"), on=ON, by="KOR"),
        dr.RepresentationChanged(
            between=("CUB", "KOR"), on=ON, sender="KOR", level=dr.Level.CHARGE_D_AFFAIRES
        ),
        dr.HeadOfMissionAccredited(between=("CUB", "KOR"), on=ON, sender="KOR", name="X"),
        dr.HeadOfMissionDeparted(between=("CUB", "KOR"), on=ON, sender="KOR", name="X"),
        dr.PresenceObserved(between=("CUB", "KOR"), on=ON, sender="KOR", rank=dr.Rank.OTHER),
        dr.ChargeRecalled(between=("CUB", "KOR"), on=ON, sender="KOR"),
        dr.PersonaNonGrataDeclared(between=("CUB", "KOR"), on=ON, by="CUB", name="X"),
        dr.IntentionAnnounced(between=("CUB", "KOR"), on=ON, by="CUB"),
        dr.MissionEvacuated(between=("CUB", "KOR"), on=ON, sender="KOR"),
        dr.GovernmentRecognized(by="CUB", of="KOR", on=ON, government="roc"),
        dr.GovernmentRecognitionWithdrawn(by="CUB", of="KOR", on=ON, government="roc"),
        dr.AmbassadorRecalled(between=("CUB", "KOR"), on=ON, sender="KOR"),
        dr.AmbassadorReturned(between=("CUB", "KOR"), on=ON, sender="KOR"),
        dr.MissionOpened(
            between=("CUB", "USA"),
            on=ON,
            sender="USA",
            kind=dr.MissionKind.INTERESTS_SECTION,
            protecting_power="CHE",
        ),
        dr.MissionClosed(between=("CUB", "KOR"), on=ON, sender="KOR"),
        dr.ProtectingPowerAppointed(between=("CUB", "USA"), on=ON, protected="USA", power="CHE"),
        dr.ProtectingPowerEnded(between=("CUB", "USA"), on=ON, protected="USA"),
        dr.Recognized(by="CUB", of="KOR", on=ON),
        dr.RecognitionWithdrawn(by="CUB", of="KOR", on=ON),
        dr.StateExtinguished(state="DDR", on="1990-10-03", absorbed_by="DEU"),
        dr.StateContinued(old="SUN", new="RUS", on="1991-12-26"),
    ]


class TestConstruction:
    """Every event type builds from its documented fields."""

    def test_one_of_each(self) -> None:
        """The sample covers every built-in event type."""
        assert {type(e) for e in sample_events()} == set(EVENT_TYPES)

    @pytest.mark.parametrize("event", sample_events(), ids=lambda e: type(e).__name__)
    def test_describe(self, event: dr.Event) -> None:
        """describe() names the type, the parties and the date."""
        text = event.describe()
        assert text.startswith(type(event).__name__)
        assert str(event.on) in text
        assert all(p in text for p in event.parties)

    @pytest.mark.parametrize("cls", EVENT_TYPES, ids=lambda c: c.__name__)
    @settings(max_examples=10)
    @given(data=st.data())
    def test_generated(self, cls: type[dr.Event], data: st.DataObject) -> None:
        """Each type builds from generated valid fields, and is hashable."""
        event = data.draw(event_of_type(cls, rich=True))
        assert type(event) is cls
        assert hash(event) == hash(attrs.evolve(event))

    def test_defaults(self) -> None:
        """Defaults: UTC, consular=True and ambassador for consent, consular=False for breaks."""
        e = dr.RelationsEstablished(between=("CUB", "KOR"), on="1949")
        assert (e.tz, e.place, e.sources, e.instrument) == ("UTC", None, (), None)
        assert (e.consular, e.level) == (True, dr.Level.AMBASSADOR)
        b = dr.RelationsSevered(between=("CUB", "KOR"), on="1959", by="CUB")
        assert b.consular is False
        m = dr.MissionOpened(between=("CUB", "KOR"), on="2025-01-17", sender="KOR")
        assert m.kind is dr.MissionKind.EMBASSY

    def test_date_forms(self) -> None:
        """on= takes EDTF text, a pendulum.Date or a FuzzyDate, all alike."""
        import pendulum  # noqa: PLC0415

        a = dr.RelationsEstablished(between=("CUB", "KOR"), on="2024-02-14")
        b = dr.RelationsEstablished(between=("CUB", "KOR"), on=pendulum.Date(2024, 2, 14))
        c = dr.RelationsEstablished(between=("CUB", "KOR"), on=dr.parse_edtf("2024-02-14"))
        assert a == b == c

    def test_sources(self) -> None:
        """sources= keeps Source objects as a tuple and refuses anything else."""
        src = dr.Source(publisher="AFP", title="Cuba and South Korea", published_on="2024-02-14")
        e = dr.RelationsEstablished(between=("CUB", "KOR"), on=ON, sources=[src])
        assert e.sources == (src,)
        assert str(src) == 'AFP, "Cuba and South Korea" (2024-02-14)'
        with pytest.raises(TypeError, match="Source"):
            dr.RelationsEstablished(between=("CUB", "KOR"), on=ON, sources=["AFP"])  # type: ignore[list-item]


class TestStates:
    """States in events resolve to sorted ISO codes."""

    @pytest.mark.parametrize(
        "between",
        [
            ("CUB", "KOR"),
            ("KOR", "CUB"),
            ("South Korea", "Cuba"),
            ("ROK", "cub"),
            ("Republic of Korea", "Republic of Cuba"),
        ],
    )
    def test_between_resolved_and_sorted(self, between: tuple[str, str]) -> None:
        """Any order, any name or alias: between is the sorted pair of codes."""
        assert dr.RelationsEstablished(between=between, on=ON).between == ("CUB", "KOR")

    def test_directed_fields_resolved(self) -> None:
        """by, sender, protected and power resolve names too."""
        e = dr.RelationsSevered(between=("CUB", "KOR"), on=ON, by="Cuba")
        assert e.by == "CUB"
        p = dr.ProtectingPowerAppointed(
            between=("Cuba", "United States"), on=ON, protected="US", power="Switzerland"
        )
        assert (p.protected, p.power) == ("USA", "CHE")

    def test_recognition_between(self) -> None:
        """A recognition's dyad is the sorted pair of by and of."""
        r = dr.Recognized(by="KOR", of="CUB", on=ON)
        assert r.between == r.parties == ("CUB", "KOR")
        assert (r.by, r.of) == ("KOR", "CUB")

    def test_unknown_state(self) -> None:
        """An unknown reference is kept as written; the history names it, with the item."""
        e = dr.RelationsEstablished(between=("CUB", "Koreaa"), on=ON)
        assert e.between == ("CUB", "Koreaa")
        with pytest.raises(dr.UnknownStateError) as info:
            dr.History([e])
        assert info.value.value == "Koreaa"
        assert "KOR" in info.value.suggestions
        assert "between of RelationsEstablished" in str(info.value)

    def test_custom_registry_resolves_names(self) -> None:
        """A history given its own registry resolves every name with it, not the default."""
        registry = dr.StateRegistry(
            [
                *dr.default_registry(),
                dr.State("FRE", "user-assigned", "Freedonia", "Freedonia", ("Grand Fenwick",)),
            ]
        )
        e = dr.RelationsEstablished(between=("Cuba", "Grand Fenwick"), on="1990-05-01")
        h = dr.History([e], registry=registry)
        assert h.resolve("Freedonia", "CUB") == ("CUB", "FRE")
        assert h.status("CUB", "FRE", on="1991-01-01").diplomatic is dr.Diplomatic.ESTABLISHED
        with pytest.raises(dr.UnknownStateError, match="Grand Fenwick"):
            dr.History([e])

    def test_same_state_twice(self) -> None:
        """A state cannot relate to itself, however it is named."""
        with pytest.raises(dr.InvalidEventError, match="itself"):
            dr.RelationsEstablished(between=("KOR", "South Korea"), on=ON)

    @pytest.mark.parametrize("between", [("CUB",), ("CUB", "KOR", "PRK")])
    def test_not_a_pair(self, between: tuple[str, ...]) -> None:
        """between= must hold exactly two states."""
        with pytest.raises(TypeError, match="two"):
            dr.RelationsEstablished(between=between, on=ON)  # type: ignore[arg-type]

    @pytest.mark.parametrize("between", ["CUBKOR", 42])
    def test_between_wrong_type(self, between: object) -> None:
        """A string or a non-iterable is not a pair."""
        with pytest.raises(TypeError):
            dr.RelationsEstablished(between=between, on=ON)  # type: ignore[arg-type]

    def test_state_wrong_type(self) -> None:
        """A non-string state is a TypeError."""
        with pytest.raises(TypeError):
            dr.RelationsSevered(between=("CUB", "KOR"), on=ON, by=42)  # type: ignore[arg-type]


class TestValidators:
    """Fields that contradict each other are an InvalidEventError."""

    @pytest.mark.parametrize(
        "make",
        [
            lambda: dr.RelationsSevered(between=("CUB", "KOR"), on=ON, by="USA"),
            lambda: dr.RelationsSuspended(between=("CUB", "KOR"), on=ON, by="USA"),
            lambda: dr.ConsularRelationsSevered(between=("CUB", "KOR"), on=ON, by="USA"),
            lambda: dr.RepresentationChanged(
                between=("CUB", "KOR"), on=ON, sender="USA", level=dr.Level.MINISTER
            ),
            lambda: dr.AmbassadorRecalled(between=("CUB", "KOR"), on=ON, sender="USA"),
            lambda: dr.AmbassadorReturned(between=("CUB", "KOR"), on=ON, sender="USA"),
            lambda: dr.HeadOfMissionAccredited(between=("CUB", "KOR"), on=ON, sender="USA"),
            lambda: dr.MissionOpened(between=("CUB", "KOR"), on=ON, sender="USA"),
            lambda: dr.MissionClosed(between=("CUB", "KOR"), on=ON, sender="USA"),
            lambda: dr.ProtectingPowerAppointed(
                between=("CUB", "KOR"), on=ON, protected="USA", power="CHE"
            ),
            lambda: dr.ProtectingPowerEnded(between=("CUB", "KOR"), on=ON, protected="USA"),
        ],
        ids=lambda _: "x",
    )
    def test_actor_not_a_party(self, make: object) -> None:
        """by/sender/protected must be one of the two states, and the message says which."""
        with pytest.raises(dr.InvalidEventError, match="'USA' is not a party") as info:
            make()  # type: ignore[operator]
        assert isinstance(info.value, ValueError)

    def test_protecting_power_must_be_third_state(self) -> None:
        """The protecting power of an appointment cannot be a party."""
        with pytest.raises(dr.InvalidEventError, match="third state"):
            dr.ProtectingPowerAppointed(between=("CUB", "USA"), on=ON, protected="USA", power="CUB")

    def test_interests_section_power_must_be_third_state(self) -> None:
        """The protecting power housing an interests section cannot be a party."""
        with pytest.raises(dr.InvalidEventError, match="third state"):
            dr.MissionOpened(
                between=("CUB", "USA"),
                on=ON,
                sender="USA",
                kind=dr.MissionKind.INTERESTS_SECTION,
                protecting_power="CUB",
            )

    def test_recognise_oneself(self) -> None:
        """A state cannot recognise itself."""
        with pytest.raises(dr.InvalidEventError, match="itself"):
            dr.Recognized(by="KOR", of="ROK", on=ON)

    def test_continue_oneself(self) -> None:
        """A state cannot continue itself."""
        with pytest.raises(dr.InvalidEventError, match="itself"):
            dr.StateContinued(old="RUS", new="Russia", on="1991-12-26")

    def test_missing_required_field(self) -> None:
        """Required fields are required (keyword-only)."""
        with pytest.raises(TypeError):
            dr.RepresentationChanged(between=("CUB", "KOR"), on=ON, sender="CUB")  # type: ignore[call-arg]


class TestImmutability:
    """Events are frozen values."""

    @pytest.mark.parametrize("event", sample_events(), ids=lambda e: type(e).__name__)
    def test_frozen(self, event: dr.Event) -> None:
        """Assigning a field raises FrozenInstanceError."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            event.on = dr.parse_edtf("1999")  # type: ignore[misc]

    @given(every_event_type())
    @settings(max_examples=50)
    def test_equal_and_hashable(self, event: dr.Event) -> None:
        """A copy is equal and hashes alike."""
        copy = attrs.evolve(event)
        assert copy == event
        assert hash(copy) == hash(event)


class TestTags:
    """Stable type tags for files."""

    def test_event_tags_unique(self) -> None:
        """Every event type has its own tag."""
        tags = [cls.TAG for cls in EVENT_TYPES]
        assert len(set(tags)) == len(tags)
        assert "event" not in tags

    def test_item_tags_unique(self) -> None:
        """Events and instruments together have unique tags."""
        tags = [cls.TAG for cls in ITEM_TYPES]  # type: ignore[attr-defined]
        assert len(set(tags)) == len(tags)

    @pytest.mark.parametrize("cls", EVENT_TYPES, ids=lambda c: c.__name__)
    def test_tag_is_snake_case(self, cls: type[dr.Event]) -> None:
        """Tags are lower snake case, like the wire format's other names."""
        assert cls.TAG.replace("_", "").isalpha()
        assert cls.TAG.lower() == cls.TAG


class TestSorting:
    """Events sort by earliest day, latest day, then kind of act."""

    def test_year_before_day_in_it(self) -> None:
        """'1959' sorts before '1959-06-01', which sorts before '1960'."""
        a = dr.RelationsEstablished(between=("CUB", "KOR"), on="1959")
        b = dr.RelationsEstablished(between=("CUB", "KOR"), on="1959-06-01")
        c = dr.RelationsEstablished(between=("CUB", "KOR"), on="1960")
        assert sorted([c, b, a], key=event_sort_key) == [a, b, c]

    def test_same_day_order(self) -> None:
        """On one day, establishing comes before opening an embassy and before a break."""
        est = dr.RelationsEstablished(between=("CUB", "KOR"), on=ON)
        emb = dr.MissionOpened(between=("CUB", "KOR"), on=ON, sender="KOR")
        brk = dr.RelationsSevered(between=("CUB", "KOR"), on=ON, by="CUB")
        assert sorted([brk, emb, est], key=event_sort_key) == [est, emb, brk]
