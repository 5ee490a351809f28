-- build.outcome holds the Outcome enum's names, as build.state holds QueueState's.
update build
   set outcome = case outcome when 'finished' then 'SUCCEEDED' else upper(outcome) end
 where outcome is not null;
