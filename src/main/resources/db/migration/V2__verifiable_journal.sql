-- The journal as a Merkle tree (RFC 9162): entries are sequenced into leaves after they commit.

-- Entries not yet in the tree. Filled by trigger, so no write path can forget; drained by the
-- sequencer, which alone may delete from it.
create table journal_unsequenced (
    seq bigint primary key references journal (seq)
);
create function journal_enqueue() returns trigger language plpgsql as $$
begin
    insert into journal_unsequenced (seq) values (new.seq);
    return new;
end $$;
create trigger journal_enqueue after insert on journal
    for each row execute function journal_enqueue();
insert into journal_unsequenced (seq) select seq from journal;

-- Leaf i of the tree is journal entry seq; leaf_hash = SHA-256(0x00 || leaf input).
create table journal_leaf (
    leaf_index    bigint      primary key check (leaf_index >= 0),
    seq           bigint      not null unique references journal (seq),
    leaf_hash     bytea       not null check (length(leaf_hash) = 32),
    sequenced_at  timestamptz not null default now()
);

-- Hashes of perfect subtrees: (level, idx) covers leaves [idx * 2^level, (idx + 1) * 2^level).
-- Any root or proof is computed from O(log n) of them.
create table merkle_node (
    level  smallint not null check (level between 0 and 62),
    idx    bigint   not null check (idx >= 0),
    hash   bytea    not null check (length(hash) = 32),
    primary key (level, idx)
);

-- Signed tree heads, kept: a bank's saved head can always be proven consistent with a later one.
create table tree_head (
    tree_size  bigint      primary key check (tree_size >= 0),
    root_hash  bytea       not null,
    signed_at  timestamptz not null,
    algorithm  text        not null,
    signature  bytea       not null
);

create function tree_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'P0001';
end $$;
create trigger journal_leaf_append_only before update or delete on journal_leaf
    for each row execute function tree_is_append_only();
create trigger merkle_node_append_only before update or delete on merkle_node
    for each row execute function tree_is_append_only();
create trigger tree_head_append_only before update or delete on tree_head
    for each row execute function tree_is_append_only();

-- "As of" reads find the journal's position at an instant.
create index journal_recorded_at on journal (recorded_at);
