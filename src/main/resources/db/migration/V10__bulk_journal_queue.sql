-- Bulk writes (issue 7): the journal queue is filled once per statement, not once per row. A bulk
-- import appends tens of thousands of entries in one INSERT; a row trigger ran a separate INSERT
-- (and its foreign-key check) for each of them. Same rows in journal_unsequenced either way.
drop trigger journal_enqueue on journal;
drop function journal_enqueue();

create function journal_enqueue() returns trigger language plpgsql as $$
begin
    insert into journal_unsequenced (seq) select seq from appended;
    return null;
end $$;
create trigger journal_enqueue after insert on journal
    referencing new table as appended
    for each statement execute function journal_enqueue();
