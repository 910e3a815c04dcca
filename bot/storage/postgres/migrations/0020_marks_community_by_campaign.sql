-- One-tap marks: the foreign key of community_id to communities goes. The key of
-- (community_id, campaign_id) to campaigns, which cascades, already says the same and more: the
-- mark's community is its campaign's, which exists (campaigns.community_id refers to
-- communities, cascading), and removing the community removes its campaigns, and so their
-- marks. Each key is checked row by row at every insert, so a batch of one-tap reports paid
-- this one for nothing (issue 17's recording benchmark). Nothing else changes: the members,
-- campaigns and outcome keys stay, with their cascades.
ALTER TABLE one_tap_marks DROP CONSTRAINT one_tap_marks_community_id_fkey;
