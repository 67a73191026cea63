"""The numbered pairs' layout that filters on programmes rely on: a programme's
(programme, participant) pairs and a session's (district, session) pairs are each one
range of numbers, holding exactly the pairs its attendances make."""

from collections import defaultdict


def test_each_programme_has_one_range_of_pairs_with_its_participants(world_engine):
    engine, world = world_engine
    pairs = engine.pairs
    ids = engine.dims.codes("programs", "program_code")
    session_program = {s["session_code"]: s["program_code"] for s in world.sessions}
    people = defaultdict(set)
    for session, person in world.attendance:
        people[session_program[session]].add(person)
    assert people, "the test needs attendances"
    for code, program in ids.items():
        first, stop = pairs.program_first[program], pairs.program_first[program + 1]
        assert (pairs.program.group[first:stop] == program).all()
        assert stop - first == len(people[code])
    assert pairs.program_first[-1] == len(pairs.program)


def test_each_session_has_one_range_of_district_pairs_with_its_home_districts(world_engine):
    engine, _ = world_engine
    facts, pairs = engine.facts, engine.pairs
    homes = defaultdict(set)
    for session, person in zip(facts.session.tolist(), facts.participant.tolist(), strict=True):
        homes[session].add(int(facts.participant_district[person]))
    assert homes, "the test needs attendances"
    for session in range(len(facts.session_program)):
        first = int(pairs.session_district_first[session])
        found = range(first, first + int(pairs.session_districts[session]))
        assert {int(pairs.district.group[i]) for i in found} == homes.get(session, set())
        assert all(pairs.district.member[i] == session for i in found)
