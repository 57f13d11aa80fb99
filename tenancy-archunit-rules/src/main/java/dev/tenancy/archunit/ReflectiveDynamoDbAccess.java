package dev.tenancy.archunit;

import java.util.Optional;

import com.tngtech.archunit.core.domain.AccessTarget.FieldAccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.MethodCallTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.Nullable;

/**
 * Reflective method lookups and invocations in a class that also touches DynamoDB, which is how code reaches a
 * client's {@code scan} or {@code executeStatement} without the call showing in its bytecode.
 * <p>
 * A class touches DynamoDB when it depends on a DynamoDB type (a class literal such as {@code ScanRequest.class} is
 * enough), reads a field of such a type (also one it inherits) or calls a method returning one. Reflection in classes
 * that touch no DynamoDB type is not reported, so the rule does not flag all reflection in an application; code that
 * names every type as a string ({@code Class.forName}) remains invisible to bytecode analysis.
 */
final class ReflectiveDynamoDbAccess extends ArchCondition<JavaClass> {

	ReflectiveDynamoDbAccess() {
		super("invoke DynamoDB clients reflectively (find or invoke methods reflectively in a class that uses "
				+ "DynamoDB types)");
	}

	@Override
	public void check(JavaClass type, ConditionEvents events) {
		Optional<String> dynamoDbType = dynamoDbTypeTouchedBy(type);
		boolean found = false;
		if (dynamoDbType.isPresent()) {
			for (JavaCodeUnitAccess<?> access : type.getCodeUnitAccessesFromSelf()) {
				if (TenancyPredicates.REFLECTIVE_INVOCATIONS.test(access)) {
					events.add(SimpleConditionEvent.satisfied(access,
							access.getDescription() + ", in a class that uses <" + dynamoDbType.get() + ">"));
					found = true;
				}
			}
		}
		if (!found) {
			events.add(SimpleConditionEvent.violated(type, type.getDescription()
					+ " does not invoke methods reflectively next to DynamoDB types"));
		}
	}

	private static Optional<String> dynamoDbTypeTouchedBy(JavaClass type) {
		for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
			if (TenancyTypes.isDynamoDbType(dependency.getTargetClass())) {
				return Optional.of(dependency.getTargetClass().getName());
			}
		}
		for (JavaAccess<?> access : type.getAccessesFromSelf()) {
			@Nullable JavaClass valueType = null;
			if (access.getTarget() instanceof FieldAccessTarget field) {
				valueType = field.getRawType();
			}
			else if (access.getTarget() instanceof MethodCallTarget method) {
				valueType = method.getRawReturnType();
			}
			if (valueType != null && TenancyTypes.isDynamoDbType(valueType)) {
				return Optional.of(valueType.getName());
			}
		}
		return Optional.empty();
	}

}
