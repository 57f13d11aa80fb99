package dev.tenancy.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;

/**
 * The lifecycle operations are wanted: {@code tenancy.lifecycle.enabled=true}, or a {@linkplain Command command}.
 *
 * @author tenancy
 * @since 0.4
 */
class LifecycleRequested extends AnyNestedCondition {

	LifecycleRequested() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnBooleanProperty("tenancy.lifecycle.enabled")
	static class Enabled {

	}

	@Conditional(Command.class)
	static class CommandGiven {

	}

	/**
	 * A lifecycle command is given: {@code tenancy.lifecycle.move}, {@code .resume}, {@code .rollback} or
	 * {@code .purge}.
	 */
	static class Command extends AnyNestedCondition {

		Command() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("tenancy.lifecycle.move")
		static class Move {

		}

		@ConditionalOnProperty("tenancy.lifecycle.resume")
		static class Resume {

		}

		@ConditionalOnProperty("tenancy.lifecycle.rollback")
		static class Rollback {

		}

		@ConditionalOnProperty("tenancy.lifecycle.purge")
		static class Purge {

		}

	}

}
