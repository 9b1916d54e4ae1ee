-- A member's value date is named by an integer id too, as Paywall's value-date calls name
-- it: given when the member's first value date is set, kept when a later one replaces it.
-- Members that already have a value date are numbered in the order they were created.
create sequence member_value_date_id;
alter table member add column value_date_id bigint unique;
update member set value_date_id = numbered.n
from (select id, row_number() over (order by created_at, id) as n from member where calculation_type is not null) numbered
where member.id = numbered.id;
select setval('member_value_date_id', coalesce((select max(value_date_id) from member), 0) + 1, false);
alter table member add check ((calculation_type is null) = (value_date_id is null));
