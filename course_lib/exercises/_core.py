"""Núcleo de los ejercicios: resultados, registro, corrección, pistas y conversión de respuestas.

Es la interfaz de quien escribe ejercicios (y de las pruebas); quien estudia usa solo
``check``, ``hint`` y ``solution`` desde :mod:`course_lib.exercises`. Este módulo no importa
nada de los capítulos (ni de :mod:`course_lib.exercises`): los módulos de cada capítulo, en
:mod:`course_lib.exercises._chapters`, lo importan a él y registran sus ejercicios con
:func:`register` (un corrector escrito a mano) o :func:`register_table` (una respuesta fija y
una tabla de errores).

Cada ejercicio declara en un solo sitio sus **errores frecuentes** (:class:`Misconception`:
un nombre corto, el mensaje que nombra la idea sin dar el número y respuestas que lo
delatan), sus pistas, de la más suave a la más fuerte, qué hay que asignar y qué redondeo se
acepta. Además, cada ejercicio recibe gratis los **errores comunes** de :data:`SHARED` que
le corresponden por su tipo de respuesta: el ``None`` del eje del lote, los canales al
principio, un lado con 1 de más o de menos, dos números en orden contrario, un valor sin
redondear o redondeado de más, un porcentaje en lugar de una probabilidad, dos respuestas
en una...

Un corrector recibe la respuesta (y el contexto que declare) y devuelve un :class:`Result`
(«correcto», o un mensaje propio), el nombre de uno de sus errores frecuentes (o un
:class:`Named`, si el mensaje tiene huecos que rellenar), o ``None`` si no reconoce el
error. Antes de juzgar, convierte la respuesta con :func:`as_int`, :func:`as_shape` o
:func:`as_vector`, que lanzan :class:`InvalidAnswer` con un mensaje en español si la
respuesta no tiene la forma pedida. :func:`evaluate` lo une todo; cualquier otra excepción
es un fallo del corrector y se propaga.
"""

from __future__ import annotations

import difflib
import math
import reprlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any

import numpy as np

PLACEHOLDER = "# TU CÓDIGO AQUÍ"
"""Marca que la edición del estudiante pone en lugar de cada solución."""

CORRECT, WRONG, PENDING, INVALID = "correcto", "incorrecto", "pendiente", "entrada no válida"
_ICONS = {CORRECT: "✅", WRONG: "❌", PENDING: "⏳", INVALID: "⚠️"}

EXACT = "exacta, un entero (valen 7, 7.0, np.int64(7) o un tensor escalar de Keras)"
"""La tolerancia de una respuesta entera."""
EXACT_TUPLE = "exacta, con enteros (vale una tupla, una lista, un array de NumPy o un tensor)"
"""La tolerancia de una tupla de enteros."""
TWO_DECIMALS = 0.01
"""Tolerancia de los ejercicios cuyo enunciado dice «bastan 2 decimales»: el valor redondeado a 2
decimales, truncado a 2 decimales o ajustado para que las probabilidades sumen 1 se aleja menos
de 0,01 del exacto, así que se aceptan todos."""
TWO_DECIMALS_TEXT = ("bastan 2 decimales, redondeados o truncados (se acepta una diferencia de hasta "
                     "0,01 en cada número)")
"""La tolerancia de :data:`TWO_DECIMALS` en un vector, dicha con palabras."""
TWO_DECIMALS_ONE = "bastan 2 decimales, redondeados o truncados (se acepta una diferencia de hasta 0,01)"
"""La tolerancia de :data:`TWO_DECIMALS` en un solo número, dicha con palabras."""


@dataclass(frozen=True)
class Result:
    """Resultado de corregir una respuesta (con el error frecuente que ha reconocido, si alguno)."""

    status: str
    message: str
    misconception: str | None = None

    @property
    def ok(self) -> bool:
        """``True`` si la respuesta es correcta."""
        return self.status == CORRECT

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.status.capitalize()}: {self.message}"


@dataclass(frozen=True)
class Misconception:
    """Un error frecuente: un nombre corto, el mensaje que lo nombra (sin dar la respuesta) y
    respuestas típicas que lo delatan.

    En un ejercicio de :func:`register_table`, el corrector reconoce esas respuestas tal cual;
    en uno escrito a mano, las pruebas comprueban que el corrector da este mensaje para cada
    una. El mensaje puede tener huecos, como ``{capa}``, que rellena el :class:`Named` que
    devuelve el corrector.
    """

    name: str
    message: str
    examples: tuple[Any, ...] = ()


def mistake(name: str, message: str, *examples: Any) -> Misconception:
    """Atajo para escribir la lista de errores frecuentes de un ejercicio."""
    return Misconception(name, message, examples)


@dataclass(frozen=True)
class Named:
    """Lo que devuelve un corrector al reconocer un error frecuente cuyo mensaje tiene huecos."""

    name: str
    fields: dict[str, Any] = field(default_factory=dict)


Verdict = Result | Named | str | None
Checker = Callable[..., Verdict]


class InvalidAnswer(Exception):
    """La respuesta no tiene la forma pedida; el mensaje dice qué se esperaba y qué ha llegado."""


# --- Los errores comunes a varios ejercicios ----------------------------------------------

BATCH_NONE = "eje del lote (None)"
"""El nombre del error común «None del eje del lote», que :func:`evaluate` trata antes que nada."""

SHARED: dict[str, Misconception] = {m.name: m for m in (
    mistake(BATCH_NONE,
            "el None del principio es el eje del lote, que Keras deja sin fijar; aquí se pide la "
            "forma de una sola imagen, sin él. Quítalo (por ejemplo, con [1:]) y vuelve a comprobar."),
    mistake("eje del lote de más",
            "has añadido el eje del lote al principio; se pide la forma de una sola imagen, "
            "(alto, ancho, canales)."),
    mistake("canales primero",
            "Keras pone los canales al final, (alto, ancho, canales), y tú los has puesto al principio."),
    mistake("sin canales",
            "falta el número de canales: en Keras, la forma de una imagen tiene tres números, "
            "(alto, ancho, canales)."),
    mistake("uno de menos",
            "el lado te sale 1 menor: revisa la fórmula del tamaño de salida, que cuenta también "
            "la primera posición de la ventana (el + 1)."),
    mistake("uno de más",
            "el lado te sale 1 mayor: revisa el redondeo (los bloques incompletos se descartan) y "
            "no cuentes dos veces la primera posición."),
    mistake("orden cambiado",
            "has dado los dos números en orden contrario: revisa qué va primero según el enunciado."),
    mistake("sin redondear",
            "casi: tu respuesta tiene decimales y aquí van enteros; redondea como indica el enunciado."),
    mistake("redondeado de más",
            "casi, pero has redondeado demasiado; {tolerancia}."),
    mistake("porcentaje",
            "lo has dado en porcentaje; se piden probabilidades, entre 0 y 1."),
    mistake("dos respuestas",
            "has dado más valores de los que se corrigen: aquí se pide {formato}. Lo demás de la "
            "pregunta, razónalo aparte."),
    mistake("entre corchetes",
            "has metido la respuesta en una lista o en un array de una fila; se pide {formato}, "
            "sin corchetes de más (toma el elemento con [0])."),
)}
"""Los errores comunes: cada ejercicio recibe los que corresponden a su tipo de respuesta
(:meth:`Exercise.shared`) y puede cambiar el mensaje de cualquiera declarando en su lista un
error frecuente con el mismo nombre."""


def forgot_bias(message: str, *examples: Any) -> Misconception:
    """El error común «sin sesgos», con el mensaje y las cuentas de cada ejercicio."""
    return Misconception("sin sesgos", message, examples)


def rows_for_columns(message: str, *examples: Any) -> Misconception:
    """El error común «filas por columnas» (en la matriz de confusión, o en una forma)."""
    return Misconception("filas por columnas", message, examples)


# --- Los ejercicios ---------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """Un ejercicio: su corrector, sus errores frecuentes, sus pistas y su solución.

    ``answer_format`` dice qué hay que asignar (para el enunciado y los mensajes) y
    ``tolerance``, qué redondeo se acepta. ``answer`` es la respuesta, si es fija (la usan los
    errores comunes y las pruebas); ``atol``, su tolerancia si lleva decimales. ``shapes``: la
    respuesta es la forma de una imagen (o una lista de formas), sin el eje del lote.
    ``rounds``: la respuesta sale de redondear una división, así que un valor sin redondear
    que se redondea a ella es un error con nombre («sin redondear»).
    """

    id: str
    question: str
    answer_format: str
    tolerance: str
    hints: tuple[str, ...]
    solution: str
    checker: Checker
    misconceptions: tuple[Misconception, ...] = ()
    answer: Any = None
    atol: float = 0.0
    shapes: bool = False
    rounds: bool = False
    needs_context: tuple[str, ...] = ()
    optional_context: tuple[str, ...] = ()

    @property
    def variable(self) -> str:
        """La variable de la respuesta en el cuaderno: ``respuesta_2`` para «convolucion-2»."""
        return f"respuesta_{self.id.rsplit('-', 1)[-1]}"

    def call(self) -> str:
        """La llamada que corrige este ejercicio, como se escribe en el cuaderno."""
        return f'exercises.check("{self.id}", {", ".join((self.variable, *self.needs_context))})'

    def shared_names(self) -> list[str]:
        """Los nombres de los errores comunes que corresponden a su tipo de respuesta (también los
        que el ejercicio redefine con su propio mensaje)."""
        names = ["dos respuestas", "entre corchetes"]
        expected = self.answer
        if self.rounds and (_is_int_tuple(expected) or isinstance(expected, int)):
            names.append("sin redondear")
        if self.shapes:
            names[:0] = [BATCH_NONE, "canales primero", "sin canales"]
            if _is_int_tuple(expected):
                names += ["eje del lote de más", "uno de menos", "uno de más"]
        if _is_int_tuple(expected) and len(expected) == 2 and expected[0] != expected[1]:
            names.append("orden cambiado")
        if self.atol:
            names.append("redondeado de más")
            if np.all((np.asarray(expected) >= 0) & (np.asarray(expected) <= 1)):
                names.append("porcentaje")
        return names

    def shared(self) -> list[Misconception]:
        """Los errores comunes que reconoce con el mensaje común (los que no redefine)."""
        own = {m.name for m in self.misconceptions}
        return [SHARED[name] for name in self.shared_names() if name not in own]

    def all_misconceptions(self) -> list[Misconception]:
        """Los errores frecuentes propios y los comunes que le corresponden."""
        return [*self.misconceptions, *self.shared()]

    def misconception(self, name: str) -> Misconception:
        """El error frecuente ``name``: el propio si lo hay; si no, el común."""
        for candidate in self.misconceptions:
            if candidate.name == name:
                return candidate
        if name in SHARED:
            return SHARED[name]
        raise KeyError(f"«{self.id}» no tiene ningún error frecuente llamado «{name}».")

    def message(self, name: str, **fields: Any) -> str:
        """El mensaje del error frecuente ``name``, con sus huecos rellenos."""
        text = self.misconception(name).message
        if "{" not in text:
            return text
        return text.format(formato=self.answer_format, tolerancia=self.tolerance, **fields)

    def named(self, verdict: str | Named) -> Result:
        """El resultado de un error frecuente reconocido."""
        name, fields = (verdict, {}) if isinstance(verdict, str) else (verdict.name, verdict.fields)
        return Result(WRONG, self.message(name, **fields), name)

    def unknown(self) -> Result:
        """Una respuesta equivocada que no es ningún error frecuente conocido."""
        return Result(WRONG, f"no es la respuesta de «{self.id}», y no se parece a ninguno de los "
                             f'errores frecuentes que conozco. Repasa tu cálculo y pide una pista: '
                             f'exercises.hint("{self.id}").')


_REGISTRY: dict[str, Exercise] = {}


def register(
    exercise_id: str, *, question: str, answer_format: str, tolerance: str, hints: Sequence[str],
    solution: str, misconceptions: Sequence[Misconception] = (), answer: Any = None,
    atol: float = 0.0, shapes: bool = False, rounds: bool = False, needs_context: Sequence[str] = (),
    optional_context: Sequence[str] = (),
) -> Callable[[Checker], Checker]:
    """Decorador que registra el corrector de un ejercicio, con sus errores, pistas y solución."""

    def decorator(checker: Checker) -> Checker:
        if exercise_id in _REGISTRY:
            raise ValueError(f"El ejercicio «{exercise_id}» ya está registrado.")
        if len(hints) < 2:
            raise ValueError(f"El ejercicio «{exercise_id}» necesita al menos dos pistas, de menos a más.")
        names = [m.name for m in misconceptions]
        if len(set(names)) != len(names):
            raise ValueError(f"El ejercicio «{exercise_id}» repite el nombre de un error frecuente.")
        _REGISTRY[exercise_id] = Exercise(
            exercise_id, question, answer_format, tolerance, tuple(hints), solution, checker,
            tuple(misconceptions), answer, atol, shapes, rounds, tuple(needs_context),
            tuple(optional_context))
        return checker

    return decorator


def register_table(
    exercise_id: str, *, answer: Any, convert: Callable[[Any], Any], correct: str = "¡bien hecho!",
    misconceptions: Sequence[Misconception] = (), **details: Any,
) -> None:
    """Registra un ejercicio de respuesta fija: la respuesta convertida con ``convert`` se
    compara con ``answer`` y con los ejemplos de cada error frecuente (también una tupla con
    ``None``, como ``(None, 10)``, o un número con decimales, como 4687,5, aunque ``convert``
    pida enteros)."""

    def checker(given: Any) -> Verdict:
        if isinstance(given, (tuple, list)):  # un ejemplo con None, como (None, 10)
            for item in misconceptions:
                if any(isinstance(e, tuple) and None in e and _same_with_none(given, e)
                       for e in item.examples):
                    return item.name
        try:
            value = convert(given)
        except InvalidAnswer:
            number = real_number(given)
            for item in misconceptions:
                if number is not None and any(_is_real(e) and math.isclose(number, e) for e in item.examples):
                    return item.name
            raise
        if value == answer:
            return Result(CORRECT, correct)
        for item in misconceptions:
            if any(value == _tidy(e) for e in item.examples):
                return item.name
        return None

    register(exercise_id, answer=answer, misconceptions=misconceptions, **details)(checker)


def _same_with_none(given: Sequence[Any], example: tuple[Any, ...]) -> bool:
    """Si ``given`` es ``example``, una tupla de números con algún ``None``."""
    return len(given) == len(example) and all(
        g is None if e is None else real_number(g) == e for g, e in zip(given, example, strict=True))


def exercise_ids() -> list[str]:
    """Identificadores de todos los ejercicios, en orden de registro."""
    return list(_REGISTRY)


def get(exercise_id: str) -> Exercise:
    """Devuelve el ejercicio ``exercise_id`` o explica cuáles existen (``KeyError``)."""
    found = _lookup(exercise_id)
    if isinstance(found, str):
        raise KeyError(found)
    return found


def _fold(text: str) -> str:
    """Sin tildes, sin mayúsculas y sin espacios alrededor: «Convolución-1» → «convolucion-1»."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(" ", "_")


def _lookup(exercise_id: Any) -> Exercise | str:
    """El ejercicio (también escrito con tildes o mayúsculas) o un mensaje que lista los válidos."""
    valid = f"Los ejercicios son: {', '.join(_REGISTRY)}."
    if not isinstance(exercise_id, str):
        return (f"el identificador del ejercicio es un texto entre comillas, como "
                f'"{next(iter(_REGISTRY), "convolucion-1")}", y has dado {describe(exercise_id)}. {valid}')
    if exercise_id in _REGISTRY:
        return _REGISTRY[exercise_id]
    folded = {_fold(i): i for i in _REGISTRY}
    if _fold(exercise_id) in folded:
        return _REGISTRY[folded[_fold(exercise_id)]]
    close = difflib.get_close_matches(_fold(exercise_id), list(folded), n=1, cutoff=0.75)
    guess = f" ¿Querías decir «{folded[close[0]]}»?" if close else ""
    return f"no existe el ejercicio «{exercise_id}».{guess} {valid}"


# --- Corrección -----------------------------------------------------------------------


def evaluate(exercise_id: str, answer: Any, *context: Any) -> Result:
    """Corrige ``answer`` sin imprimir nada y devuelve el :class:`Result`.

    El orden: «pendiente» si la respuesta es ``None``; el ``None`` del eje del lote (en los
    ejercicios de formas); lo que diga el corrector si es «correcto» o un error frecuente
    suyo; los errores comunes; el mensaje propio del corrector; «entrada no válida» si la
    respuesta no tenía la forma pedida; y, si no, un mensaje que remite a las pistas. Solo
    :class:`InvalidAnswer` se convierte en «entrada no válida»; cualquier otra excepción del
    corrector es un fallo suyo y se propaga.
    """
    exercise = get(exercise_id)
    if answer is None or answer is Ellipsis:
        return Result(PENDING, "sustituye None por tu respuesta y ejecuta las dos celdas: la de tu "
                               "respuesta y esta.")
    required, optional = exercise.needs_context, exercise.optional_context
    if not len(required) <= len(context) <= len(required) + len(optional):
        needs = f"necesita también {', '.join(required)}" if required else "solo necesita la respuesta"
        return Result(INVALID, f"este ejercicio {needs}: {exercise.call()}.")
    return _judge(exercise, answer, context, strip_batch=exercise.shapes)


def _judge(exercise: Exercise, answer: Any, context: tuple[Any, ...], *, strip_batch: bool) -> Result:
    """La corrección de :func:`evaluate`, una vez descartadas la respuesta y la llamada vacías."""
    if strip_batch:
        rest = _without_batch_none(answer)
        if rest is not None:
            inner = _judge(exercise, rest, context, strip_batch=False)
            if inner.ok:
                return exercise.named(BATCH_NONE)
            if inner.status == WRONG:
                return Result(WRONG, f"{exercise.message(BATCH_NONE)} Y, sin él, {inner.message}", BATCH_NONE)
            return inner
    try:
        verdict, error = exercise.checker(answer, *context), None
    except InvalidAnswer as caught:
        verdict, error = None, caught
    if isinstance(verdict, Result) and (verdict.ok or verdict.misconception):
        return verdict
    if isinstance(verdict, (str, Named)):
        return exercise.named(verdict)
    shared = _shared_mistake(exercise, answer, context)
    if shared:
        return exercise.named(shared)
    if isinstance(verdict, Result):
        return verdict
    if error is not None:
        return Result(INVALID, str(error))
    return exercise.unknown()


def _passes(exercise: Exercise, answer: Any, context: tuple[Any, ...]) -> bool:
    """Si el corrector da por buena ``answer`` (sin contar los errores comunes)."""
    try:
        verdict = exercise.checker(answer, *context)
    except InvalidAnswer:
        return False
    return isinstance(verdict, Result) and verdict.ok


def _parts(answer: Any) -> list[Any] | None:
    """Los elementos de una lista, una tupla o un array (o tensor) de al menos una dimensión."""
    if isinstance(answer, (list, tuple)):
        return list(answer)
    if not isinstance(answer, (str, bytes, bytearray, np.ndarray)) and hasattr(answer, "__array__"):
        try:
            answer = np.asarray(answer)
        except Exception:  # un objeto cualquiera que dice ser un array y no lo es
            return None
    if isinstance(answer, np.ndarray) and answer.ndim >= 1:
        return list(answer)
    return None


def _without_batch_none(answer: Any) -> Any:
    """La respuesta sin el ``None`` inicial del eje del lote (en una forma o en cada forma de una
    lista), o ``None`` si no lo tiene."""
    if not isinstance(answer, (tuple, list)) or not answer:
        return None
    if answer[0] is None and len(answer) >= 2:
        return tuple(answer[1:])
    shapes = all(isinstance(s, (tuple, list)) and len(s) >= 2 for s in answer)
    if shapes and any(s[0] is None for s in answer):
        return [tuple(s[1:]) if s[0] is None else s for s in answer]
    return None


def _shared_mistake(exercise: Exercise, answer: Any, context: tuple[Any, ...]) -> str | None:
    """El nombre del error común que explica ``answer``, o ``None``."""
    available = {m.name for m in exercise.all_misconceptions()}
    parts = _parts(answer)
    if parts:
        if len(parts) == 1 and _passes(exercise, parts[0], context):
            return "entre corchetes"
        if exercise.shapes and _is_int_tuple(exercise.answer) and len(parts) >= 2 \
                and _passes(exercise, tuple(parts[1:]), context):
            return "eje del lote de más"
        if len(parts) >= 2 and (_passes(exercise, parts[0], context)
                                or _passes(exercise, tuple(parts[:-1]), context)):
            return "dos respuestas"
    expected = exercise.answer
    if isinstance(expected, int) or _is_int_tuple(expected):
        name = _integer_mistake(exercise, answer)
    elif exercise.atol:
        name = _decimal_mistake(exercise, answer)
    elif exercise.shapes and isinstance(expected, list):
        name = _shape_list_mistake(expected, answer)
    else:
        name = None
    return name if name in available else None


def _integer_mistake(exercise: Exercise, answer: Any) -> str | None:
    """Errores comunes de una respuesta entera o de una tupla de enteros."""
    expected = exercise.answer
    target = expected if isinstance(expected, tuple) else (expected,)
    values = _reals(answer) if isinstance(expected, tuple) else [real_number(answer)]
    if not values or any(v is None for v in values):
        return None
    numbers = [float(v) for v in values if v is not None]
    if not all(v.is_integer() for v in numbers):
        for rounding in (math.floor, math.ceil, _round_half_up):
            if tuple(rounding(v) for v in numbers) == target:
                return "sin redondear"
        return None
    got = tuple(int(v) for v in numbers)
    if exercise.shapes and len(target) == 3:
        if got == target[:2]:
            return "sin canales"
        if got == (target[2], target[0], target[1]):
            return "canales primero"
        if len(got) == 3 and got[2] == target[2] and got[:2] == (target[0] - 1, target[1] - 1):
            return "uno de menos"
        if len(got) == 3 and got[2] == target[2] and got[:2] == (target[0] + 1, target[1] + 1):
            return "uno de más"
    if len(target) == 2 and got == target[::-1]:
        return "orden cambiado"
    return None


def _shape_list_mistake(expected: list[tuple[int, ...]], answer: Any) -> str | None:
    """Errores comunes de una lista de formas, cuando todas tienen el mismo."""
    parts = _parts(answer)
    shapes = [_reals(part) for part in parts] if parts else None
    if not shapes or len(shapes) != len(expected) or any(s is None for s in shapes):
        return None
    got = [tuple(s) for s in shapes if s is not None]
    if all(g == (e[2], e[0], e[1]) for g, e in zip(got, expected, strict=True)):
        return "canales primero"
    if all(g == e[:2] for g, e in zip(got, expected, strict=True)):
        return "sin canales"
    return None


def _decimal_mistake(exercise: Exercise, answer: Any) -> str | None:
    """Errores comunes de una respuesta con decimales: redondeo de más o porcentaje."""
    expected = np.atleast_1d(np.asarray(exercise.answer, dtype=float))
    values = _reals(answer) if expected.size > 1 else [real_number(answer)]
    if values is None or None in values or len(values) != expected.size:
        return None
    got = np.array(values, dtype=float)
    # Solo si lleva menos decimales de los que pide la tolerancia (3,3 con 0,01, no 3,27).
    fewer = max(round(-math.log10(exercise.atol)) - 1, 0)
    if np.allclose(got, expected, rtol=0, atol=10 * exercise.atol) and np.allclose(got, np.round(got, fewer)):
        return "redondeado de más"
    if np.allclose(got, 100 * expected, rtol=0, atol=max(100 * exercise.atol, 0.5)):
        return "porcentaje"
    return None


def _round_half_up(value: float) -> int:
    """Redondeo al entero más cercano, con los medios hacia arriba (como se hace a mano)."""
    return math.floor(value + 0.5)


# --- Lo que usa quien estudia -----------------------------------------------------------

_MISSING: Any = object()


def check(exercise_id: Any = _MISSING, answer: Any = _MISSING, *context: Any) -> None:
    """Corrige ``answer`` e imprime la corrección en español (nunca lanza una excepción por un
    identificador mal escrito o un argumento que falta)."""
    exercise = _lookup_or_print(exercise_id, "check")
    if exercise is None:
        return
    if answer is _MISSING:
        print(f"⚠️ Falta la respuesta: {exercise.call()}.")
        return
    print(evaluate(exercise.id, answer, *context))


def hint(exercise_id: Any = _MISSING, step: Any = 1) -> None:
    """Imprime la pista número ``step`` del ejercicio (la 1, la más suave, si no se dice)."""
    exercise = _lookup_or_print(exercise_id, "hint")
    if exercise is None:
        return
    total = len(exercise.hints)
    call = f'exercises.hint("{exercise.id}"'
    number = _step_number(step)
    if number is None:
        print(f"⚠️ El número de la pista es un entero, como en {call}, 2), y has dado {describe(step)}. "
              f"Este ejercicio tiene {total} pistas, numeradas de la 1 a la {total}.")
        return
    if not 1 <= number <= total:
        print(f"⚠️ Este ejercicio tiene {total} pistas, numeradas de la 1 a la {total}: pide la primera "
              f"con {call}) y la siguiente con {call}, 2).")
        return
    step = number
    if step < total:
        more = f"Si necesitas otra, {call}, {step + 1})."
    else:
        more = f'Es la última; la solución está en exercises.solution("{exercise.id}").'
    print(f"💡 Pista {step} de {total}: {exercise.hints[step - 1]} {more}")


def _step_number(step: Any) -> int | None:
    """El número de pista que es ``step``: un entero, también escrito como texto («2») o como
    2.0; ``None`` si no es un número entero."""
    if isinstance(step, str) and step.strip().isdigit():
        return int(step.strip())
    value = _plain(step)
    if not _is_number(value):
        return None
    if isinstance(value, Integral):
        return int(value)
    return int(value) if math.isfinite(value) and float(value).is_integer() else None


def solution(exercise_id: Any = _MISSING) -> None:
    """Imprime la solución del ejercicio."""
    exercise = _lookup_or_print(exercise_id, "solution")
    if exercise is not None:
        print(f"📖 Solución: {exercise.solution}")


def _lookup_or_print(exercise_id: Any, function: str) -> Exercise | None:
    """El ejercicio, o ``None`` tras imprimir por qué no se encuentra."""
    if exercise_id is _MISSING:
        example = f'exercises.{function}("convolucion-1"{", respuesta_1" if function == "check" else ""})'
        print(f"⚠️ Falta el identificador del ejercicio, como en {example}. "
              f"Los ejercicios son: {', '.join(_REGISTRY)}.")
        return None
    found = _lookup(exercise_id)
    if isinstance(found, str):
        print(f"⚠️ {found[0].upper()}{found[1:]}")
        return None
    return found


# --- Conversión y validación de respuestas ---------------------------------------------

_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 60
_REPR.maxtuple = _REPR.maxlist = 10


def _tidy(value: Any) -> Any:
    """Los escalares de NumPy, como números de Python, también dentro de tuplas y listas."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (tuple, list)):
        return type(value)(_tidy(v) for v in value)
    return value


def describe(value: Any) -> str:
    """Describe un valor para los mensajes: su tipo y su representación, abreviada."""
    return f"{type(value).__name__} ({_REPR.repr(_tidy(value))})"


def _plain(value: Any) -> Any:
    """Un escalar de NumPy, un array de dimensión 0 o un tensor escalar de Keras (o de otro
    motor), como el número de Python que contiene; lo demás, igual."""
    if isinstance(value, (str, bytes, bytearray, bool, np.bool_, Real)) and not isinstance(value, np.generic):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if not isinstance(value, (np.ndarray, Sequence)) and hasattr(value, "__array__"):
        try:  # un tensor de Keras, TensorFlow, JAX o PyTorch
            value = np.asarray(value)
        except Exception:  # un objeto cualquiera que dice ser un array y no lo es
            return value
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    if not isinstance(value, (complex, Sequence, np.ndarray)) and hasattr(value, "__float__"):
        try:  # Decimal, Fraction...
            return float(value)
        except (TypeError, ValueError, OverflowError):
            return value
    return value


def _is_number(value: Any) -> bool:
    """Número real que no es un booleano (``True`` no es una respuesta numérica)."""
    return isinstance(value, Real) and not isinstance(value, (bool, np.bool_))


def _is_real(value: Any) -> bool:
    try:
        return _is_number(value) and math.isfinite(float(value))
    except OverflowError:  # un entero demasiado grande para un float
        return False


def _is_int_tuple(value: Any) -> bool:
    return isinstance(value, tuple) and bool(value) and all(isinstance(v, int) for v in value)


def real_number(answer: Any) -> float | None:
    """El número real finito que es ``answer`` (en cualquier tipo numérico, no un texto ni un
    booleano), o ``None``: para reconocer un error con decimales donde van enteros."""
    value = _plain(answer)
    return float(value) if _is_real(value) else None



def _reals(answer: Any) -> list[float | None] | None:
    """Los números de una secuencia plana (``None`` en cada elemento que no lo es)."""
    parts = _parts(answer)
    if parts is None:
        return None
    return [real_number(part) for part in parts]


def _show(number: float) -> str:
    """Un número para los mensajes, sin los restos de la coma flotante (4.699999999999999 → 4.7)."""
    return f"{number:.10g}"


def as_int(answer: Any, *, minimum: int | None = 0) -> int:
    """Entero mayor o igual que ``minimum`` (acepta 3, ``np.int64(3)``, 3.0 y un tensor escalar;
    no 3.5 ni texto). Con ``minimum=None`` acepta también negativos."""
    answer = _plain(answer)
    if isinstance(answer, str):
        raise InvalidAnswer(f"se esperaba un número entero y has dado un texto, {answer!r}: escribe "
                            "el número sin comillas ni espacios.")
    if not _is_number(answer):
        raise InvalidAnswer(f"se esperaba un número entero y has dado {describe(answer)}.")
    if isinstance(answer, Integral):
        value = int(answer)
    else:
        number = _finite_float(answer, "un número entero")
        if not number.is_integer():
            raise InvalidAnswer(f"se esperaba un número entero y has dado {_show(number)}: esta "
                                "respuesta no lleva decimales (si sale de una división, redondea "
                                "como indica el enunciado).")
        value = int(number)
    if minimum is not None and value < minimum:
        raise InvalidAnswer(
            f"se esperaba un número entero mayor o igual que {minimum} y has dado {value}: "
            "los tamaños, las cuentas y las posiciones no pueden ser negativos."
        )
    return value


def as_float(answer: Any) -> float:
    """Número real finito (no booleano, ni ``nan`` ni ``inf``), en cualquier tipo numérico."""
    answer = _plain(answer)
    if isinstance(answer, str):
        raise InvalidAnswer(f"se esperaba un número y has dado un texto, {answer!r}: escribe el "
                            "número sin comillas.")
    if not _is_number(answer):
        raise InvalidAnswer(f"se esperaba un número y has dado {describe(answer)}.")
    return _finite_float(answer, "un número")


def _finite_float(number: Any, expected: str) -> float:
    """Convierte ``number`` (ya comprobado que es real) en un ``float`` finito."""
    try:
        value = float(number)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise InvalidAnswer(f"se esperaba {expected} y has dado {number}, que no es un número finito.")
    return value


def _elements(answer: Any, expected: str) -> list[Any]:
    """Los elementos de una tupla, una lista o un array (o tensor) de una dimensión."""
    if isinstance(answer, (str, bytes, bytearray)):
        raise InvalidAnswer(f"se esperaba {expected} y has dado un texto: {describe(answer)}.")
    if not isinstance(answer, (Sequence, np.ndarray)) and hasattr(answer, "__array__"):
        try:  # un tensor u otro objeto que se convierte en array
            answer = np.asarray(answer)
        except Exception:  # un objeto cualquiera que dice ser un array y no lo es
            raise InvalidAnswer(f"se esperaba {expected} y has dado {describe(answer)}.") from None
    if isinstance(answer, np.ndarray):
        if answer.ndim != 1:
            kind = "un solo número" if answer.ndim == 0 else f"un array de forma {answer.shape}"
            raise InvalidAnswer(f"se esperaba {expected} y has dado {kind}; debe tener una sola dimensión.")
        return list(answer.tolist())
    if not isinstance(answer, Sequence):
        raise InvalidAnswer(f"se esperaba {expected} y has dado {describe(answer)}.")
    return list(answer)


def _check_length(values: list[Any], length: int | None, expected: str) -> None:
    """Comprueba que hay elementos y, si se pide, exactamente ``length``."""
    if not values:
        raise InvalidAnswer(f"se esperaba {expected} y has dado una secuencia vacía.")
    if length is not None and len(values) != length:
        raise InvalidAnswer(
            f"se esperaba {expected}, con {length} números, y has dado {len(values)}."
        )


def as_shape(
    answer: Any,
    *,
    length: int | None = None,
    expected: str = "una forma: una tupla de enteros como (28, 28, 1)",
    minimum: int | None = 0,
) -> tuple[int, ...]:
    """Tupla de enteros, como ``(28, 28, 1)``: acepta tuplas, listas, arrays y tensores de una
    dimensión.

    Rechaza ``None`` en cualquier posición, los negativos (salvo con ``minimum=None``), la
    secuencia vacía y, si se da ``length``, otra longitud.
    """
    values = _elements(answer, expected)
    _check_length(values, length, expected)
    shape = []
    for position, value in enumerate(values, start=1):
        if value is None:
            raise InvalidAnswer(
                f"se esperaba {expected} y en la posición {position} has puesto None: "
                "cada posición necesita un número entero."
            )
        try:
            shape.append(as_int(value, minimum=minimum))
        except InvalidAnswer as error:
            raise InvalidAnswer(f"se esperaba {expected}; en la posición {position}, {error}") from None
    return tuple(shape)


def as_vector(answer: Any, *, length: int, expected: str) -> np.ndarray:
    """Vector de ``length`` números reales finitos (tupla, lista, array o tensor de una dimensión)."""
    values = _elements(answer, expected)
    _check_length(values, length, expected)
    numbers = []
    for position, value in enumerate(values, start=1):
        try:
            numbers.append(as_float(value))
        except InvalidAnswer as error:
            raise InvalidAnswer(f"se esperaba {expected}; en la posición {position}, {error}") from None
    return np.array(numbers)
