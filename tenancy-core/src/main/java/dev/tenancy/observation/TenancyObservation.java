package dev.tenancy.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations tenancy makes, their key names and their events.
 *
 * @author tenancy
 * @since 0.1
 */
public enum TenancyObservation implements ObservationDocumentation {

	/**
	 * One call of a repository method, made as the tenant bound to the calling thread.
	 */
	REPOSITORY_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRepositoryObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

		@Override
		public Observation.Event[] getEvents() {
			return Events.values();
		}

	};

	/**
	 * Keys with a bounded set of values, safe as metric tags.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The simple name of the repository's entity type, for example {@code Project}. */
		ENTITY {
			@Override
			public String asString() {
				return "tenancy.entity";
			}
		},

		/** The name of the repository method, for example {@code findByStatus}. */
		OPERATION {
			@Override
			public String asString() {
				return "tenancy.operation";
			}
		},

		/** {@code success}, {@code denied} (refused by the guard, IAM or a missing tenant) or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "tenancy.outcome";
			}
		}

	}

	/**
	 * Keys with an unbounded set of values: they go to traces, never to metric tags.
	 */
	public enum HighCardinalityKeys implements KeyName {

		/** The tenant the operation ran as, or {@code none}. */
		TENANT {
			@Override
			public String asString() {
				return "tenancy.tenant";
			}
		}

	}

	/**
	 * Events recorded on the observation in progress.
	 */
	public enum Events implements Observation.Event {

		/** The client-side guard refused a request; its contextual name names the action. */
		DENIED {
			@Override
			public String getName() {
				return "denied";
			}
		},

		/** An STS {@code AssumeRole} call for the tenant completed (successfully or not). */
		ASSUME_ROLE {
			@Override
			public String getName() {
				return "sts.assume-role";
			}
		}

	}

}
